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

    It '-WhatIf changes nothing (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
        $tag = "oim-pester-" + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $definitions = Get-ImageDefinition (Join-Path $PSScriptRoot '../OpenStackImageManager.Engine.Tests/Fixtures/osism-images/images/cirros.yml')
        $plan = $definitions | Compare-GlanceImage -Cloud oim-p1 -Tag $tag
        $names = @($plan | Where-Object Kind -eq 'Create' | ForEach-Object ImageName)
        $names | Should -Not -BeNullOrEmpty -Because 'without a Create in the plan -WhatIf has nothing to hold back'
        # Looked up by name, not by $tag: the Plan parameter set of Sync-GlanceImage has no -Tag and applies
        # with its default managed tag, so an image created despite -WhatIf would not carry $tag.
        $find = { @(Get-GlanceImage -Cloud oim-p1 -Name $names -IncludeHidden -ErrorAction SilentlyContinue | ForEach-Object Id) }
        $before = & $find
        $plan | Sync-GlanceImage -WhatIf
        $after = & $find
        $after.Count | Should -Be $before.Count
        $after | Where-Object { $_ -notin $before } | Should -BeNullOrEmpty
    }
}
