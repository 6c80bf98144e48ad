BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force
    . (Join-Path $PSScriptRoot 'TestCloud.ps1')
}

Describe 'Grant-GlanceImageAccess (no cloud needed)' {
    It 'has Project (default) and Domain sets' {
        Get-ParameterSetNames Grant-GlanceImageAccess | Should -Be @('Domain', 'Project')
        (Get-Command Grant-GlanceImageAccess).DefaultParameterSet | Should -Be 'Project'
    }

    It 'takes an image as object, id or name' {
        $image = [OpenStackImageManager.Models.GlanceImage]@{ Id = '0c7e5d5e-1111-4222-8333-444455556666'; Name = 'x' }
        ([OpenStackImageManager.Models.GlanceImageReference]$image).Image.Name | Should -Be 'x'
        ([OpenStackImageManager.Models.GlanceImageReference]'0c7e5d5e-1111-4222-8333-444455556666').LooksLikeId | Should -BeTrue
        ([OpenStackImageManager.Models.GlanceImageReference]'Ubuntu 24.04').LooksLikeId | Should -BeFalse
    }
}

Describe 'Grant-GlanceImageAccess against the local test cloud (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll {
        Use-TestCloudConfig
        $script:p1 = Connect-OpenStack -Cloud oim-p1 -PassThru
        $script:p2 = Connect-OpenStack -Cloud oim-p2 -PassThru
        $script:image = New-TestImage -Purpose grant -Attributes @{ visibility = 'private' }
    }

    AfterAll {
        $script:image.id | Remove-TestImage
    }

    It 'changes nothing with -WhatIf' {
        Grant-GlanceImageAccess -Image $script:image.id -Project $script:p2.ProjectId -Session $script:p1 -WhatIf
        (Get-GlanceImage -Id $script:image.id -Session $script:p1).Visibility | Should -Be 'private'
    }

    It 'makes the image shared and the project a pending member' {
        $member = Get-GlanceImage -Id $script:image.id -Session $script:p1 |
            Grant-GlanceImageAccess -Project $script:p2.ProjectId -Session $script:p1 -PassThru -Confirm:$false
        $member.MemberId | Should -Be $script:p2.ProjectId
        $member.Status | Should -Be 'pending'
        (Get-GlanceImage -Id $script:image.id -Session $script:p1).Visibility | Should -Be 'shared'
        # Pending: the other project can read it by id, but does not list it yet.
        (Get-GlanceImage -Session $script:p2).Id | Should -Not -Contain $script:image.id
    }

    It 'refuses a project name when the session may not read projects' {
        $err = $null
        Grant-GlanceImageAccess -Image $script:image.id -Project 'oim-p2' -Session $script:p1 -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }
}
