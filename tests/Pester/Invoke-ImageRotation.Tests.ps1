#Requires -Version 7.6
# Invoke-ImageRotation as users call it: surface (the rotation switches, -Force), and with
# the local test cloud (OIM_TESTCLOUD=1) a real rotation: -WhatIf changes nothing, the oldest of four
# becomes community, -Delete without -Force needs a confirmation, -Delete -Force deletes it.

BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force

    . (Join-Path $PSScriptRoot 'ImageDefinitions.ps1')

    # A multi: true definition with the given versions, all read from one local file (file: URLs).
    function New-RotationDefinition([string] $Name, [string[]] $Versions, [string] $Url) {
        New-TestDefinition -Name $Name -Multi -UuidValidity 'last-3' -Versions @($Versions | ForEach-Object { @{ Version = $_; Url = $Url } })
    }

    # name|visibility|os_hidden|status of every image of the test, by version.
    function Get-RotationState([string] $Tag) {
        Get-GlanceImage -Cloud oim-p1 -Managed -ManagedTag $Tag -IncludeHidden |
            Sort-Object { $_.Properties['internal_version'] } |
            ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.Properties['internal_version'], $_.Name, $_.Visibility, $_.Hidden, $_.Status }
    }
}

AfterAll {
    Remove-Module OpenStackImageManager -Force -ErrorAction SilentlyContinue
}

Describe 'Invoke-ImageRotation surface' {
    It 'has the rotation switches, -Force for deletions and -Cloud/-Session' {
        $parameters = (Get-Command Invoke-ImageRotation).Parameters
        foreach ($name in 'InputObject', 'Cloud', 'Session', 'Keep', 'UseOsHidden', 'Deactivate', 'Delete', 'Force', 'IncludeOrphaned', 'IncludeValidityNone', 'PassThru') {
            $parameters.Keys | Should -Contain $name
        }
        $parameters['InputObject'].Attributes.ValueFromPipeline | Should -Contain $true
    }
}

Describe 'Invoke-ImageRotation against the local test cloud (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll {
        $script:RunId = [guid]::NewGuid().ToString('N').Substring(0, 8)
        $script:Tag = "oim-pester-rot-$RunId"
        $script:Name = "OIM Rot Pester $RunId"
        $file = Join-Path $TestDrive 'rotation.raw'
        [System.IO.File]::WriteAllBytes($file, [byte[]]::new(1048576))
        # [uri]::new, not a [uri] cast: the cast parses RelativeOrAbsolute, so on Linux '/tmp/...' becomes a
        # relative Uri whose AbsoluteUri is nothing; the constructor makes it file:///tmp/... (C:\ works either way).
        $url = [uri]::new($file).AbsoluteUri
        # v4 arrives after v1-v3 are in: a sync never imports a version beyond the keep window (last-3), so
        # four new versions at once would leave v1 out.
        New-RotationDefinition -Name $Name -Versions 'v1', 'v2', 'v3' -Url $url | Sync-GlanceImage -Cloud oim-p1 -Tag $Tag -Confirm:$false | Out-Null
        $script:Definition = New-RotationDefinition -Name $Name -Versions 'v1', 'v2', 'v3', 'v4' -Url $url
        $script:Definition | Sync-GlanceImage -Cloud oim-p1 -Tag $Tag -Confirm:$false | Out-Null
    }

    AfterAll {
        Get-GlanceImage -Cloud oim-p1 -Managed -ManagedTag $Tag -IncludeHidden | Remove-GlanceImage -Cloud oim-p1 -Confirm:$false -ErrorAction Continue
    }

    It 'starts with four images, the newest called by the bare name' {
        Get-RotationState $Tag | Should -Be @(
            "v1|$Name (v1)|private|False|active", "v2|$Name (v2)|private|False|active",
            "v3|$Name (v3)|private|False|active", "v4|$Name|private|False|active")
    }

    It '-WhatIf changes nothing' {
        $before = Get-RotationState $Tag
        $Definition | Invoke-ImageRotation -Cloud oim-p1 -Tag $Tag -Delete -Force -WhatIf
        Get-RotationState $Tag | Should -Be $before
    }

    It 'makes the oldest of four community and keeps the newest three as defined' {
        $results = $Definition | Invoke-ImageRotation -Cloud oim-p1 -Tag $Tag -Confirm:$false -PassThru
        $results.Outcome | Should -Not -Contain 'Failed'
        Get-RotationState $Tag | Should -Be @(
            "v1|$Name (v1)|community|False|active", "v2|$Name (v2)|private|False|active",
            "v3|$Name (v3)|private|False|active", "v4|$Name|private|False|active")
    }

    It '-Delete without -Force asks ShouldContinue; where nobody can answer nothing is deleted' {
        $module = (Get-Module OpenStackImageManager).Path
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Module, $Definition, $Tag)
                    Import-Module $Module
                    $Definition | Invoke-ImageRotation -Cloud oim-p1 -Tag $Tag -Delete -Confirm:$false
                }).AddArgument($module).AddArgument($Definition).AddArgument($Tag)
            $threw = $false
            try { $null = $ps.Invoke() } catch { $threw = $true }
            ($threw -or $ps.HadErrors) | Should -BeTrue -Because 'a runspace without a host cannot answer ShouldContinue'
        }
        finally {
            $ps.Dispose()
        }
        (Get-RotationState $Tag).Count | Should -Be 4
    }

    It 'deletes nothing when a command before it in the pipeline wrote an error' {
        $catalog = Join-Path $TestDrive 'catalog-with-a-broken-file'
        New-Item -ItemType Directory -Path $catalog | Out-Null
        # Get-ImageDefinition reports the broken file as an error (its definition never reaches the
        # rotation); the rotation sees that error and treats the run as failed: no deactivate, no delete.
        Set-Content -Path (Join-Path $catalog 'broken.yml') -Value "images:`n  - name: Broken`n    format: qcow`n"
        $results = & { $Definition; Get-ImageDefinition -Path $catalog -ErrorAction SilentlyContinue } |
            Invoke-ImageRotation -Cloud oim-p1 -Tag $Tag -Delete -Force -Confirm:$false -PassThru -WarningAction SilentlyContinue
        $results.Kind | Should -Not -Contain 'Delete'
        $results.Kind | Should -Not -Contain 'Deactivate'
        (Get-RotationState $Tag).Count | Should -Be 4
    }

    It '-Delete -Force deletes the oldest and leaves the newest three' {
        $Definition | Invoke-ImageRotation -Cloud oim-p1 -Tag $Tag -Delete -Force -Confirm:$false
        Get-RotationState $Tag | Should -Be @(
            "v2|$Name (v2)|private|False|active", "v3|$Name (v3)|private|False|active", "v4|$Name|private|False|active")
    }
}
