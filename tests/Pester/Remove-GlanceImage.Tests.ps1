BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force
    . (Join-Path $PSScriptRoot 'TestCloud.ps1')
}

Describe 'Remove-GlanceImage (no cloud needed)' {
    It 'asks before deleting: ConfirmImpact High, with InputObject and Id sets' {
        $attribute = Get-CmdletAttribute Remove-GlanceImage
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'High'
        Get-ParameterSetNames Remove-GlanceImage | Should -Be @('Id', 'InputObject')
    }
}

Describe 'Remove-GlanceImage against the local test cloud (needs OIM_TESTCLOUD)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll {
        Use-TestCloudConfig
        $script:session = Connect-OpenStack -Cloud oim-p1 -PassThru
    }

    It 'keeps the image with -WhatIf' {
        $image = New-TestImage -Purpose remove-whatif
        try {
            Get-GlanceImage -Id $image.id -Session $script:session | Remove-GlanceImage -Session $script:session -WhatIf
            (Get-GlanceImage -Id $image.id -Session $script:session).Id | Should -Be $image.id
        }
        finally {
            $image.id | Remove-TestImage
        }
    }

    It 'deletes images piped from Get-GlanceImage' {
        $image = New-TestImage -Purpose remove
        Get-GlanceImage -Id $image.id -Session $script:session | Remove-GlanceImage -Session $script:session -Confirm:$false
        $err = $null
        Get-GlanceImage -Id $image.id -Session $script:session -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses a protected image with PermissionDenied and leaves it' {
        $image = New-TestImage -Purpose remove-protected -Attributes @{ protected = $true }
        try {
            $err = $null
            Remove-GlanceImage -Id $image.id -Session $script:session -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $err[0].Exception.Message | Should -BeLike '*protected*'
            (Get-GlanceImage -Id $image.id -Session $script:session).Protected | Should -BeTrue
        }
        finally {
            $image.id | Remove-TestImage
        }
    }
}
