BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force
    . (Join-Path $PSScriptRoot 'TestCloud.ps1')
}

Describe 'Disconnect-OpenStack (no cloud needed)' {
    It 'takes a session from the pipeline' {
        $parameter = (Get-Command Disconnect-OpenStack).Parameters['Session']
        $parameter.Attributes.Where({ $_ -is [Parameter] })[0].ValueFromPipeline | Should -BeTrue
    }

    It 'does nothing, without an error, when there is no session' {
        Disconnect-OpenStack
        { Disconnect-OpenStack -ErrorAction Stop } | Should -Not -Throw
    }
}

Describe 'Disconnect-OpenStack against the local test cloud (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll { Use-TestCloudConfig }

    It 'ends a session so that it can no longer be used' {
        $session = Connect-OpenStack -Cloud oim-p1 -PassThru
        $session | Disconnect-OpenStack
        $err = $null
        Get-GlanceImage -Session $session -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].Exception.Message | Should -BeLike '*disconnected*Connect-OpenStack*'
    }

    It 'keeps the session with -WhatIf' {
        $session = Connect-OpenStack -Cloud oim-p1 -PassThru
        Disconnect-OpenStack -Session $session -WhatIf
        { Get-GlanceImage -Session $session -ErrorAction Stop } | Should -Not -Throw
        Disconnect-OpenStack -Session $session
    }

    It 'clears the default session' {
        Connect-OpenStack -Cloud oim-p1
        Disconnect-OpenStack
        $savedCloud = $env:OS_CLOUD; $savedUrl = $env:OS_AUTH_URL
        $env:OS_CLOUD = $null; $env:OS_AUTH_URL = $null
        try {
            { Get-GlanceImage -ErrorAction Stop } | Should -Throw -ErrorId 'OpenStackImageManager.NotConnected*'
        }
        finally {
            $env:OS_CLOUD = $savedCloud; $env:OS_AUTH_URL = $savedUrl
        }
    }
}
