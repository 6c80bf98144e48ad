BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force
    . (Join-Path $PSScriptRoot 'TestCloud.ps1')
}

Describe 'Get-GlanceImage (no cloud needed)' {
    It 'has a Name set (default, wildcards) and an Id set, and writes GlanceImage' {
        Get-ParameterSetNames Get-GlanceImage | Should -Be @('Id', 'Name')
        $command = Get-Command Get-GlanceImage
        $command.DefaultParameterSet | Should -Be 'Name'
        $command.Parameters['Name'].Attributes.Where({ $_ -is [SupportsWildcards] }) | Should -Not -BeNullOrEmpty
        $command.OutputType.Type | Should -Contain ([OpenStackImageManager.Models.GlanceImage])
        $command.Parameters['Visibility'].Attributes.Where({ $_ -is [ValidateSet] })[0].ValidValues | Should -Be @('Public', 'Private', 'Shared', 'Community', 'All')
    }

    It 'refuses -Cloud together with -Session' {
        $session = [OpenStackImageManager.Models.OpenStackSession]::new([guid]::NewGuid(), 'x')
        { Get-GlanceImage -Cloud a -Session $session -ErrorAction Stop } | Should -Throw -ErrorId 'OpenStackImageManager.CloudAndSession*'
    }
}

Describe 'Get-GlanceImage against the local test cloud (needs OIM_TESTCLOUD)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll {
        Use-TestCloudConfig
        $script:session = Connect-OpenStack -Cloud oim-p1 -PassThru
        $script:tag = "oim-pester-$script:TestRunId-get"
        $script:a = New-TestImage -Purpose get-a -Attributes @{ tags = @($script:tag); os_distro = 'ubuntu'; min_disk = 2 }
        $script:b = New-TestImage -Purpose get-b -Attributes @{ tags = @($script:tag); os_hidden = $true }
    }

    AfterAll {
        $script:a.id, $script:b.id | Remove-TestImage
    }

    It 'finds an image by wildcard and maps its attributes' {
        $image = Get-GlanceImage -Name ($script:a.name -replace '-get-a-.*$', '-get-a-*') -Session $script:session
        $image.Id | Should -Be $script:a.id
        $image.MinDisk | Should -Be 2
        $image.Properties['os_distro'] | Should -Be 'ubuntu'
        $image.Tags | Should -Contain $script:tag
        $image.Cloud | Should -Be 'oim-p1'
    }

    It 'lists hidden images only with -IncludeHidden' {
        (Get-GlanceImage -Tag $script:tag -Session $script:session).Id | Should -Be $script:a.id
        (Get-GlanceImage -Tag $script:tag -IncludeHidden -Session $script:session).Id | Sort-Object | Should -Be (@($script:a.id, $script:b.id) | Sort-Object)
    }

    It 'binds Id by property name from the pipeline' {
        ([pscustomobject]@{ Id = $script:a.id } | Get-GlanceImage -Session $script:session).Name | Should -Be $script:a.name
    }

    It 'takes -Cloud instead of a session' {
        (Get-GlanceImage -Id $script:a.id -Cloud oim-p1).Id | Should -Be $script:a.id
    }

    It 'reports a name that matches nothing as ObjectNotFound' {
        $err = $null
        Get-GlanceImage -Name "oim-pester-none-$script:TestRunId" -Session $script:session -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'reports an unknown id as ObjectNotFound with the request id' {
        $err = $null
        Get-GlanceImage -Id ([guid]::NewGuid()) -Session $script:session -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].Exception.Message | Should -BeLike 'Glance GET /v2/images/*404*request req-*'
    }
}
