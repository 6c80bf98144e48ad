BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force
    . (Join-Path $PSScriptRoot 'TestCloud.ps1')
}

Describe 'Remove-GlanceImage (no cloud needed)' {
    It 'has InputObject, Id and Name sets' {
        Get-ParameterSetNames Remove-GlanceImage | Should -Be @('Id', 'InputObject', 'Name')
    }
}

Describe 'Remove-GlanceImage against the local test cloud (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
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

Describe 'Remove-GlanceImage -Name (no cloud needed)' {
    It 'binds a positional name to -Name, with wildcards and an image-name completer' {
        $command = Get-Command Remove-GlanceImage
        $name = $command.Parameters['Name']
        $name.ParameterSets['Name'].Position | Should -Be 0
        $command.Parameters['Id'].ParameterSets['Id'].Position | Should -BeLessThan 0
        [bool]($name.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }) | Should -BeTrue
        ($name.Attributes | Where-Object { $_ -is [ArgumentCompleter] }).Type.Name | Should -Be 'ImageNameCompleter'
    }
}

Describe 'Remove-GlanceImage -Name against the local test cloud (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll {
        Use-TestCloudConfig
        $script:session = Connect-OpenStack -Cloud oim-p3 -PassThru
    }

    It 'names the missing image in an ObjectNotFound error instead of a 404 for an id' {
        $missing = "oim-pester-$script:TestRunId-no such image"
        $err = $null
        Remove-GlanceImage $missing -Session $script:session -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be $missing
        $err[0].Exception.Message | Should -BeLike "*'$missing'*"
    }

    It 'sends nothing with -WhatIf and says what it would delete' {
        $image = New-TestImage -Cloud oim-p3 -Purpose remove-name-whatif
        try {
            Remove-GlanceImage $image.name -Session $script:session -WhatIf
            (Get-GlanceImage -Id $image.id -Session $script:session).Id | Should -Be $image.id
        }
        finally {
            $image.id | Remove-TestImage -Cloud oim-p3
        }
    }

    It 'deletes every image whose name matches a wildcard, case-insensitively' {
        $prefix = "oim-pester-$script:TestRunId-wild"
        $images = 1..2 | ForEach-Object { New-TestImage -Cloud oim-p3 -Purpose "wild$_" }
        try {
            Remove-GlanceImage -Name ($prefix.ToUpperInvariant() + '*') -Session $script:session -Confirm:$false
            foreach ($image in $images) {
                $err = $null
                Get-GlanceImage -Id $image.id -Session $script:session -ErrorVariable err -ErrorAction SilentlyContinue
                $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            }
        }
        finally {
            $images.id | Remove-TestImage -Cloud oim-p3
        }
    }

    It 'completes image names from the session' {
        $image = New-TestImage -Cloud oim-p3 -Purpose complete
        try {
            $typed = "Remove-GlanceImage -Cloud oim-p3 -Name oim-pester-$script:TestRunId-comp"
            $completion = TabExpansion2 -inputScript $typed -cursorColumn $typed.Length
            $completion.CompletionMatches.ListItemText | Should -Contain $image.name
        }
        finally {
            $image.id | Remove-TestImage -Cloud oim-p3
        }
    }
}
