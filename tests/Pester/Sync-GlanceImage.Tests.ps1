BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force
}

Describe 'Sync-GlanceImage' {
    It 'supports -WhatIf and -Confirm and takes plan items from the pipeline' {
        $command = Get-Command Sync-GlanceImage -Module OpenStackImageManager
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'ThrottleLimit'
        $command.Parameters['InputObject'].ParameterType.FullName | Should -Be 'OpenStackImageManager.Models.ImageChange[]'
    }

    It '-WhatIf changes nothing' -Skip:(-not $env:OIM_TESTCLOUD) {
        $tag = "oim-pester-" + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $definitions = Get-ImageDefinition (Join-Path $PSScriptRoot 'Fixtures/catalog/cirros.yml')
        $plan = $definitions | Compare-GlanceImage -Cloud oim-p1 -Tag $tag
        $plan | Sync-GlanceImage -WhatIf
        Get-GlanceImage -Cloud oim-p1 -Tag $tag | Should -BeNullOrEmpty
    }
}
