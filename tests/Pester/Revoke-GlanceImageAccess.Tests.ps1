BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force
    . (Join-Path $PSScriptRoot 'TestCloud.ps1')
}

Describe 'Revoke-GlanceImageAccess (no cloud needed)' {
    It 'has Project (default) and Domain sets and takes the image from the pipeline' {
        Get-ParameterSetNames Revoke-GlanceImageAccess | Should -Be @('Domain', 'Project')
        (Get-Command Revoke-GlanceImageAccess).Parameters['Image'].Attributes.Where({ $_ -is [Parameter] })[0].ValueFromPipeline | Should -BeTrue
    }
}

Describe 'Revoke-GlanceImageAccess against the local test cloud (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll {
        Use-TestCloudConfig
        $script:p1 = Connect-OpenStack -Cloud oim-p1 -PassThru
        $script:p2 = Connect-OpenStack -Cloud oim-p2 -PassThru
        $script:image = New-TestImage -Purpose revoke -Attributes @{ visibility = 'shared' }
        Grant-GlanceImageAccess -Image $script:image.id -Project $script:p2.ProjectId -Session $script:p1 -Confirm:$false
    }

    AfterAll {
        $script:image.id | Remove-TestImage
    }

    It 'keeps the membership with -WhatIf and removes it otherwise' {
        Revoke-GlanceImageAccess -Image $script:image.id -Project $script:p2.ProjectId -Session $script:p1 -WhatIf
        { Get-GlanceImage -Id $script:image.id -Session $script:p2 -ErrorAction Stop } | Should -Not -Throw

        Revoke-GlanceImageAccess -Image $script:image.id -Project $script:p2.ProjectId -Session $script:p1 -Confirm:$false
        $err = $null
        Get-GlanceImage -Id $script:image.id -Session $script:p2 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'does not fail for a project that is no member' {
        { Revoke-GlanceImageAccess -Image $script:image.id -Project $script:p2.ProjectId -Session $script:p1 -Confirm:$false -ErrorAction Stop } | Should -Not -Throw
    }
}
