BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force
    . (Join-Path $PSScriptRoot 'TestCloud.ps1')
    $script:savedConfig = $env:OS_CLIENT_CONFIG_FILE
}

AfterAll {
    $env:OS_CLIENT_CONFIG_FILE = $script:savedConfig
}

Describe 'Connect-OpenStack (no cloud needed)' {
    It 'takes the cloud name as its first positional parameter' {
        $command = Get-Command Connect-OpenStack
        $command.Parameters['Cloud'].Attributes.Where({ $_ -is [Parameter] })[0].Position | Should -Be 0
        $command.Parameters['Interface'].Attributes.Where({ $_ -is [ValidateSet] })[0].ValidValues | Should -Be @('public', 'internal', 'admin')
    }

    It 'completes -Cloud from clouds.yaml' {
        $file = Join-Path $TestDrive 'clouds.yaml'
        Set-Content $file "clouds:`n  alpha: {}`n  beta: {}`n"
        $env:OS_CLIENT_CONFIG_FILE = $file
        $completion = TabExpansion2 -inputScript 'Connect-OpenStack -Cloud al' -cursorColumn 'Connect-OpenStack -Cloud al'.Length
        $completion.CompletionMatches.CompletionText | Should -Be @('alpha')
    }

    It 'names the file and the clouds it has when the cloud is not there' {
        $file = Join-Path $TestDrive 'clouds.yaml'
        Set-Content $file "clouds:`n  alpha:`n    auth:`n      auth_url: http://127.0.0.1:1/v3`n"
        $env:OS_CLIENT_CONFIG_FILE = $file
        $err = $null
        Connect-OpenStack -Cloud nowhere -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $err[0].FullyQualifiedErrorId | Should -BeLike 'OpenStackImageManager.Configuration*'
        $err[0].Exception.Message | Should -BeLike "*'nowhere'*$file*alpha*"
    }

    It 'says which key is missing' {
        $file = Join-Path $TestDrive 'clouds.yaml'
        Set-Content $file "clouds:`n  alpha:`n    auth:`n      auth_url: http://127.0.0.1:1/v3`n      username: u`n      project_name: p`n"
        $env:OS_CLIENT_CONFIG_FILE = $file
        $err = $null
        Connect-OpenStack alpha -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].Exception.Message | Should -BeLike '*auth.password*'
    }
}

Describe 'Connect-OpenStack against the local test cloud (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll {
        $env:OS_CLIENT_CONFIG_FILE = $script:savedConfig
        Use-TestCloudConfig
    }

    It 'authenticates, finds the image endpoint and becomes the default session' {
        $session = Connect-OpenStack -Cloud oim-p1 -PassThru
        $session | Should -BeOfType ([OpenStackImageManager.Models.OpenStackSession])
        $session.ProjectName | Should -Be 'oim-p1'
        $session.UserName | Should -Be 'oim-u1'
        $session.ImageEndpoint.AbsoluteUri | Should -Be 'http://127.0.0.1:9292/v2/'
        { Get-GlanceImage -ErrorAction Stop } | Should -Not -Throw
    }

    It 'writes nothing without -PassThru' {
        Connect-OpenStack -Cloud oim-p2 | Should -BeNullOrEmpty
    }

    It 'reports a wrong password as an AuthenticationError without the password' {
        $file = Join-Path $TestDrive 'wrong.yaml'
        (Get-Content $env:OS_CLIENT_CONFIG_FILE -Raw) -replace 'u1-secret', 'Wr0ngPassw0rd' | Set-Content $file
        $env:OS_CLIENT_CONFIG_FILE = $file
        try {
            $err = $null
            Connect-OpenStack -Cloud oim-p1 -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            $err[0].Exception.Message | Should -BeLike "*oim-p1*$file*oim-u1*"
            ($err | Out-String -Width 4096) | Should -Not -BeLike '*Wr0ngPassw0rd*'  # wide: no wrap may split a leak
        }
        finally {
            $env:OS_CLIENT_CONFIG_FILE = $script:savedConfig
            Use-TestCloudConfig
        }
    }

    It 'a failed Connect-OpenStack clears the default session (the old session itself stays usable)' {
        $savedCloud = $env:OS_CLOUD
        $env:OS_CLOUD = $null
        try {
            $old = Connect-OpenStack -Cloud oim-p1 -PassThru
            $err = $null
            $warnings = $null
            Connect-OpenStack -Cloud nowhere -ErrorVariable err -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
            $err | Should -Not -BeNullOrEmpty
            $warnings[0].Message | Should -BeLike '*no longer the default session*'
            { Get-GlanceImage -ErrorAction Stop } | Should -Throw -ErrorId 'OpenStackImageManager.NotConnected*'
            { Get-GlanceImage -Session $old -ErrorAction Stop } | Should -Not -Throw
        }
        finally {
            $env:OS_CLOUD = $savedCloud
        }
    }

    It 'masks tokens and passwords in its debug output' {
        # The messages themselves, not Out-String: formatting wraps lines at the host's width, which could
        # split the one-line JSON body in the middle of "password":"***".
        $debug = (Connect-OpenStack -Cloud oim-p1 -Debug 5>&1 |
                Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message) -join "`n"
        $debug | Should -Not -BeNullOrEmpty
        # -Debug alone never prompts (this session is NonInteractive, a prompt would throw) and carries
        # the verbose lines too, in order with the request lines.
        $debug | Should -BeLike '*Authenticating to cloud*'
        $debug | Should -BeLike '*X-Subject-Token: `*`*`**'
        $debug | Should -BeLike '*"password":"`*`*`*"*'
        $debug | Should -Not -BeLike '*u1-secret*'
    }
}

Describe 'Connect-OpenStack -Credential and connection failures against the local test cloud (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll {
        Use-TestCloudConfig
        $script:testClouds = $env:OS_CLIENT_CONFIG_FILE
        # The oim-p3 entry of the test cloud's clouds.yaml under new names: without its password, with a
        # wrong one, and with an auth_url nothing listens on.
        $lines = Get-Content $script:testClouds
        $start = [array]::IndexOf($lines, '  oim-p3:')
        $entry = @($lines[($start + 1)..($lines.Count - 1)] | ForEach-Object -Begin { $inside = $true } -Process {
                if ($inside -and ($_ -match '^\s{4}' -or $_ -eq '')) { $_ } else { $inside = $false }
            })
        $script:cloudsFile = Join-Path $TestDrive 'credential-clouds.yaml'
        Set-Content $script:cloudsFile (@('clouds:', '  nopassword:') + ($entry | Where-Object { $_ -notmatch 'password:\s' }) +
            @('  wrongpassword:') + ($entry -replace 'password: .*$', 'password: not-the-password') +
            @('  unreachable:') + ($entry -replace 'auth_url: .*$', 'auth_url: http://127.0.0.1:9/v3'))
        $script:u3 = [pscredential]::new('oim-u3', (ConvertTo-SecureString 'u3-secret' -AsPlainText -Force))
    }

    BeforeEach { $env:OS_CLIENT_CONFIG_FILE = $script:cloudsFile }
    AfterEach { $env:OS_CLIENT_CONFIG_FILE = $script:testClouds }

    It 'connects with a credential to a cloud whose entry has no password' {
        $session = Connect-OpenStack -Cloud nopassword -Credential $script:u3 -PassThru
        $session.UserName | Should -Be 'oim-u3'
        $session.ProjectName | Should -Be 'oim-p3'
        ($session | Out-String) + ($session | Format-List * | Out-String) | Should -Not -Match 'u3-secret'
    }

    It 'makes a new session for another credential and never reuses it for -Cloud' {
        $first = Connect-OpenStack -Cloud nopassword -Credential $script:u3 -PassThru
        $second = Connect-OpenStack -Cloud nopassword -Credential $script:u3 -PassThru
        $second.Handle | Should -Not -Be $first.Handle
        $err = $null
        Get-GlanceImage -Cloud nopassword -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
        $err | Should -Not -BeNullOrEmpty -Because 'without the credential the entry has no password'
    }

    It 'overrides a wrong password in clouds.yaml' {
        (Connect-OpenStack -Cloud wrongpassword -Credential $script:u3 -PassThru).UserName | Should -Be 'oim-u3'
    }

    It 'reports a wrong password as a non-terminating AuthenticationError on the cloud, through <Via>' -ForEach @(
        @{ Via = 'Connect-OpenStack'; Run = { Connect-OpenStack -Cloud wrongpassword -ErrorVariable err -ErrorAction SilentlyContinue } }
        @{ Via = '-Cloud'; Run = { Get-GlanceImage -Cloud wrongpassword -ErrorVariable err -ErrorAction SilentlyContinue } }
        @{ Via = 'a credential'; Run = { Connect-OpenStack -Cloud nopassword -Credential ([pscredential]::new('oim-u3', (ConvertTo-SecureString 'wrong-secret' -AsPlainText -Force))) -ErrorVariable err -ErrorAction SilentlyContinue } }
    ) {
        $err = $null
        . $Run
        $after = 'still running'
        $after | Should -Be 'still running'
        $err.Count | Should -Be 1
        $err[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err[0].TargetObject | Should -BeIn @('wrongpassword', 'nopassword')
        $err[0] | Out-String | Should -Not -Match 'not-the-password|wrong-secret'
    }

    It 'reports an unreachable auth_url as a non-terminating ConnectionError on the cloud, through <Via>' -ForEach @(
        @{ Via = 'Connect-OpenStack'; Run = { Connect-OpenStack -Cloud unreachable -ErrorVariable err -ErrorAction SilentlyContinue } }
        @{ Via = '-Cloud'; Run = { Get-ImageDefinition -Path $PSScriptRoot/Fixtures -ErrorAction SilentlyContinue | Compare-GlanceImage -Cloud unreachable -ErrorVariable err -ErrorAction SilentlyContinue } }
    ) {
        $err = $null
        . $Run
        $err.Count | Should -Be 1
        $err[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $err[0].TargetObject | Should -Be 'unreachable'
    }

    It 'stops a script with -ErrorAction Stop' {
        { Get-GlanceImage -Cloud wrongpassword -ErrorAction Stop } | Should -Throw
    }
}
