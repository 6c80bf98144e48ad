BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force
    . (Join-Path $PSScriptRoot 'TestCloud.ps1')
}

Describe 'Get-GlanceImage (no cloud needed)' {
    It 'has a Name set (default, wildcards) and an Id set' {
        Get-ParameterSetNames Get-GlanceImage | Should -Be @('Id', 'Name')
        $command = Get-Command Get-GlanceImage
        $command.DefaultParameterSet | Should -Be 'Name'
        $command.Parameters['Name'].Attributes.Where({ $_ -is [SupportsWildcards] }) | Should -Not -BeNullOrEmpty
        $command.Parameters['Visibility'].Attributes.Where({ $_ -is [ValidateSet] })[0].ValidValues | Should -Be @('Public', 'Private', 'Shared', 'Community', 'All')
    }

    It 'refuses -Cloud together with -Session' {
        $session = [OpenStackImageManager.Models.OpenStackSession]::new([guid]::NewGuid(), 'x')
        { Get-GlanceImage -Cloud a -Session $session -ErrorAction Stop } | Should -Throw -ErrorId 'OpenStackImageManager.CloudAndSession*'
    }
}

Describe 'Get-GlanceImage against the local test cloud (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
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

Describe 'Get-GlanceImage -Cloud with one cloud name in two clouds.yaml files (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll {
        Use-TestCloudConfig
        $script:savedConfig = $env:OS_CLIENT_CONFIG_FILE
        $keystone = if ($env:OIM_KEYSTONE_URL) { $env:OIM_KEYSTONE_URL } else { 'http://127.0.0.1:5000/v3' }
        # prod is oim-p1 in one file and oim-p2 in the other.
        function New-ProdFile([string] $Name, [string] $Cloud, [string] $Password) {
            $user = $script:TestCloudUsers[$Cloud]
            $file = Join-Path $TestDrive $Name
            Set-Content $file ("clouds:`n  prod:`n    auth:`n      auth_url: $keystone`n      username: $($user.User)`n" +
                "      password: '$(if ($Password) { $Password } else { $user.Password })'`n      project_name: $($user.Project)`n" +
                "      user_domain_name: Default`n      project_domain_name: Default`n")
            $file
        }
        $script:fileA = New-ProdFile 'prod-a.yaml' 'oim-p1'
        $script:fileB = New-ProdFile 'prod-b.yaml' 'oim-p2'
        $script:imageB = New-TestImage -Cloud oim-p2 -Purpose prod-b
    }

    AfterAll {
        $env:OS_CLIENT_CONFIG_FILE = $script:savedConfig
        $script:imageB.id | Remove-TestImage -Cloud oim-p2
    }

    AfterEach {
        $env:OS_CLIENT_CONFIG_FILE = $script:savedConfig
    }

    It 'switching OS_CLIENT_CONFIG_FILE switches the project of prod' {
        $env:OS_CLIENT_CONFIG_FILE = $script:fileA
        $err = $null
        Get-GlanceImage -Cloud prod -Name $script:imageB.name -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'

        $env:OS_CLIENT_CONFIG_FILE = $script:fileB
        (Get-GlanceImage -Cloud prod -Name $script:imageB.name).Id | Should -Be $script:imageB.id

        $env:OS_CLIENT_CONFIG_FILE = $script:fileA
        Get-GlanceImage -Cloud prod -Name $script:imageB.name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'uses a corrected password instead of failing on for the rest of the session' {
        $env:OS_CLIENT_CONFIG_FILE = New-ProdFile 'prod-fix.yaml' 'oim-p2' -Password 'Wr0ngPassw0rd'
        { Get-GlanceImage -Cloud prod -Name $script:imageB.name -ErrorAction Stop } | Should -Throw
        $env:OS_CLIENT_CONFIG_FILE = New-ProdFile 'prod-fix.yaml' 'oim-p2'
        (Get-GlanceImage -Cloud prod -Name $script:imageB.name).Id | Should -Be $script:imageB.id
    }
}
