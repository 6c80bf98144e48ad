BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force
    . (Join-Path $PSScriptRoot 'ImageDefinitions.ps1')
}

Describe 'Compare-GlanceImage' {
    It 'is exported with its parameters' {
        $command = Get-Command Compare-GlanceImage -Module OpenStackImageManager
        $command.Parameters.Keys | Should -Contain 'InputObject'
        $command.Parameters.Keys | Should -Contain 'IncludeUnchanged'
        $command.Parameters.Keys | Should -Contain 'IncludeOrphaned'
    }

    It 'plans a Create for a definition whose image is missing (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
        $definitions = Get-ImageDefinition (Join-Path $PSScriptRoot '../OpenStackImageManager.Engine.Tests/Fixtures/osism-images/images/cirros.yml')
        $plan = $definitions | Compare-GlanceImage -Cloud oim-p1 -Tag ("oim-pester-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
        $plan | Where-Object Kind -eq 'Create' | Should -Not -BeNullOrEmpty
        ($plan | Out-String) | Should -Match '\+'
    }

    It 'refuses a web-download it cannot verify before anything is created, naming its own parameters (needs the local test cloud)' -Skip:(-not $env:OIM_TESTCLOUD) {
        $definition = New-TestDefinition -Name "OIM Pester Refused $([guid]::NewGuid().ToString('N').Substring(0, 6))" -Versions @(
            @{ Version = '1'; Url = 'http://127.0.0.1:9/never-fetched.raw'; Checksum = "sha256:$('0' * 64)" })
        $plan = $definition | Compare-GlanceImage -Cloud oim-p1 -Tag ("oim-pester-" + [guid]::NewGuid().ToString('N').Substring(0, 8)) -ImportMethod WebDownload -ErrorVariable refused -ErrorAction SilentlyContinue
        $plan | Should -BeNullOrEmpty
        $refused | Should -HaveCount 1
        $refused[0].Exception.Message | Should -BeLike '*nothing was created*'
        $refused[0].Exception.Message | Should -BeLike '*-ImportMethod Auto or GlanceDirect*'
        $refused[0].Exception.Message | Should -BeLike '*-ChecksumPolicy BestEffort*'
        $refused[0].Exception.Message | Should -Not -BeLike '*--prefetch*'
    }
}
