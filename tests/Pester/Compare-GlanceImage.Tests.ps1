BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force
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
}
