# How plans, sync results and definition problems read in a 120-column console: one table, every line
# within 120 columns, no URL or word cut in the middle, and the summary line.
BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force
    . (Join-Path $PSScriptRoot 'TestCloud.ps1')

    function Get-DefinitionText([string] $Name, [string] $Url, [string] $Checksum, [string] $Format = 'qcow2', [bool] $Enable = $true) {
        @("  - name: $Name", "    enable: $($Enable.ToString().ToLowerInvariant())", "    format: $Format", '    login: ubuntu', '    min_disk: 1',
            '    min_ram: 64', '    status: active', '    visibility: private', '    multi: true', '    meta:', '      architecture: x86_64',
            '      hw_disk_bus: scsi', '      hypervisor_type: qemu', '      os_distro: ubuntu', '      os_version: "24.04"', '      os_purpose: generic',
            '      replace_frequency: never', '      uuid_validity: last-3', '      provided_until: none', '    tags: []', '    versions:',
            "      - version: '20250101'", "        url: $Url", "        checksum: `"$Checksum`"", '        build_date: 2025-01-01')
    }

    # Each line at most 120 columns, and every word of every message whole on one line.
    function Assert-Readable([string] $Text, [string[]] $Phrases) {
        foreach ($line in $Text -split "`r?`n") { $line.Length | Should -BeLessOrEqual 120 -Because "'$line' is too long" }
        $tokens = -split $Text
        foreach ($word in ($Phrases | ForEach-Object { -split $_ })) { $tokens | Should -Contain $word -Because "'$word' must not be split" }
    }
}

Describe 'Test-ImageDefinition at 120 columns (no cloud needed)' {
    It 'keeps every word of every message whole and every line within 120 columns' {
        $file = Join-Path $TestDrive 'broken.yml'
        Set-Content $file @('---', 'images:', '  - name: Broken', '    format: qcow3', '    login: 12', '    versions:', '      - version: 1',
            '        url: https://example.org/some/very/long/path/to/an/image/file-that-is-named-at-length.qcow2', '        checksum: "md7:xyz"')
        $problems = @(Test-ImageDefinition $file)
        $problems.Count | Should -BeGreaterThan 5
        $text = $problems | Out-String -Width 120
        Assert-Readable $text ($problems.Message)
        $text | Should -Match '(?m)^Severity\s+Position\s+Key\s+Message'
    }
}

Describe 'Compare-GlanceImage and Sync-GlanceImage at 120 columns against the local test cloud (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll {
        Use-TestCloudConfig
        $script:prefix = "oim-pester-$script:TestRunId"
        $catalog = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'plan')
        $script:urls = @()
        $lines = @('---', 'images:')
        foreach ($distro in 'Ubuntu 24.04', 'Ubuntu 22.04', 'Debian 12', 'Debian 11', 'AlmaLinux 9', 'Rocky 9', 'CentOS Stream 9', 'Fedora 41',
            'openSUSE Leap 15.6', 'Flatcar Stable', 'Garden Linux 1592', 'Alpine 3.21', 'NC Big') {
            $slug = ($distro -replace '[^A-Za-z0-9]', '-').ToLowerInvariant()
            $url = "https://cloud-images.example.org/releases/$slug/20250101/$slug-server-cloudimg-amd64-20250101.qcow2"
            $script:urls += $url
            $lines += Get-DefinitionText "$script:prefix $distro" $url ('sha256:' + ('ab' * 32))
        }
        $lines += Get-DefinitionText "$script:prefix Disabled" 'https://cloud-images.example.org/disabled.qcow2' ('sha256:' + ('ab' * 32)) -Enable $false
        Set-Content (Join-Path $catalog 'catalog.yml') $lines
        $script:planCatalog = $catalog.FullName
    }

    AfterAll {
        Get-GlanceImage -Cloud oim-p3 -Name "$script:prefix*" -Visibility All -IncludeHidden -ErrorAction SilentlyContinue |
            ForEach-Object { $_.Id | Remove-TestImage -Cloud oim-p3 }
    }

    It 'shows a plan of 13 creates as one table of 13 rows and a summary line that counts the disabled definition' {
        $text = Get-ImageDefinition $script:planCatalog | Compare-GlanceImage -Cloud oim-p3 6>&1 | Out-String -Width 120
        $rows = @($text -split "`r?`n" | Where-Object { $_ -like '+ Create *' })
        $rows.Count | Should -Be 13
        ($text -split "`r?`n" | Where-Object { $_ -match '^Kind\s+Image\s+Change' }).Count | Should -Be 1
        $text | Should -Match ([regex]::Escape('Plan for oim-p3: 13 to create, 0 to change, 0 to hide, 0 to delete; 1 disabled definition skipped.'))
        foreach ($line in $text -split "`r?`n") { $line.Length | Should -BeLessOrEqual 120 }
        # A URL is shown whole or not at all (Format-List has it), never cut over lines.
        foreach ($shown in [regex]::Matches($text, 'https?://\S+').Value) { $shown | Should -BeIn $script:urls }
    }

    It 'keeps the plan objects alone on the pipeline, and counts filtered-out definitions' {
        $plan = @(Get-ImageDefinition $script:planCatalog -Name '*Debian*' | Compare-GlanceImage -Cloud oim-p3 -InformationVariable info)
        $plan.Count | Should -Be 2
        $plan | ForEach-Object { $_ | Should -BeOfType ([OpenStackImageManager.Models.ImageChange]) }
        ($info | Where-Object Tags -contains 'OpenStackImageManager.Summary').MessageData.Message |
            Should -Be 'Plan for oim-p3: 2 to create, 0 to change, 0 to hide, 0 to delete; 1 disabled definition skipped, 11 definitions filtered out.'
    }

    It 'shows each item in full with Format-List' {
        $plan = @(Get-ImageDefinition $script:planCatalog -Name '*NC Big' | Compare-GlanceImage -Cloud oim-p3)
        ($plan | Format-List | Out-String -Width 120) | Should -Match ([regex]::Escape($script:urls[-1]))
    }

    It 'ends a sync with a summary line; the results fit 120 columns' {
        $catalog = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'sync')
        $lines = @('---', 'images:')
        foreach ($n in 1..2) {
            $file = Join-Path $catalog "image$n.raw"
            $bytes = [byte[]]::new(64KB); [Random]::new($n).NextBytes($bytes); [IO.File]::WriteAllBytes($file, $bytes)
            $lines += Get-DefinitionText "$script:prefix Sync $n" "file://$file" ('sha256:' + (Get-FileHash $file -Algorithm SHA256).Hash.ToLowerInvariant()) -Format raw
        }
        Set-Content (Join-Path $catalog 'catalog.yml') $lines
        $text = Get-ImageDefinition $catalog.FullName | Sync-GlanceImage -Cloud oim-p3 -Confirm:$false 6>&1 | Out-String -Width 120
        $text | Should -Match ([regex]::Escape('Sync of oim-p3: 2 created, 0 changed, 0 hidden, 0 deleted, 0 failed, 0 skipped.'))
        @($text -split "`r?`n" | Where-Object { $_ -like 'Succeeded + Create *' }).Count | Should -Be 2
        foreach ($line in $text -split "`r?`n") { $line.Length | Should -BeLessOrEqual 120 }
    }
}
