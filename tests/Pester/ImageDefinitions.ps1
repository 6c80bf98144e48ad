# Shared by the Pester tests that need definitions of their own: writes a valid definition file (the
# keys the catalog's schema requires) to TestDrive and loads it with Get-ImageDefinition.
# Dot-source it inside BeforeAll: . (Join-Path $PSScriptRoot 'ImageDefinitions.ps1')

function New-TestDefinition {
    param(
        [Parameter(Mandatory)] [string] $Name,
        # One hashtable per version: @{ Version = '1.0'; Url = 'file:///...'; Checksum = 'sha256:...' (optional) }
        [Parameter(Mandatory)] [hashtable[]] $Versions,
        [switch] $Multi,
        [string] $ShortName,
        [string] $UuidValidity = 'none'
    )
    $file = Join-Path $TestDrive "$([guid]::NewGuid().ToString('N')).yml"
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.AddRange([string[]]@('---', 'images:', "  - name: $Name"))
    if ($ShortName) { $lines.Add("    shortname: $ShortName") }
    $lines.AddRange([string[]]@(
            '    enable: true', '    format: raw', '    login: root', '    min_disk: 1', '    min_ram: 64',
            '    status: active', '    visibility: private', "    multi: $(if ($Multi) { 'true' } else { 'false' })",
            '    meta:', '      architecture: x86_64', '      hw_disk_bus: scsi', '      hypervisor_type: qemu',
            '      os_distro: cirros', '      os_purpose: minimal', '      replace_frequency: never',
            "      uuid_validity: $UuidValidity", '      provided_until: none', '    tags: []', '    versions:'))
    foreach ($version in $Versions) {
        $lines.Add("      - version: '$($version.Version)'")
        $lines.Add("        url: $($version.Url)")
        if ($version.Checksum) { $lines.Add("        checksum: `"$($version.Checksum)`"") }
        $lines.Add('        build_date: 2026-01-01')
    }
    Set-Content -Path $file -Value $lines
    Get-ImageDefinition -Path $file -ErrorAction Stop
}
