#Requires -Version 7.6
# Find-ImageUpdate as users call it, against a local stand-in of the upstream sites (no internet):
# copies of the real catalog files, the upstream URLs rewritten to the stand-in.

BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force
    . (Join-Path $PSScriptRoot 'UpstreamServer.ps1')
    $script:Server = Start-UpstreamServer
    $script:Catalog = Join-Path $PSScriptRoot '../OpenStackImageManager.Engine.Tests/Fixtures/osism-images/images'
}

AfterAll {
    Stop-UpstreamServer $script:Server
    Remove-Module OpenStackImageManager -Force -ErrorAction SilentlyContinue
}

Describe 'Find-ImageUpdate surface' {
    It 'takes definitions from the pipeline' {
        $command = Get-Command Find-ImageUpdate
        $command.Parameters['InputObject'].Attributes.ValueFromPipeline | Should -Contain $true
    }
}

Describe 'Find-ImageUpdate against the local upstreams' {
    It 'finds and verifies the newest Ubuntu 24.04 build from the dated folder listing' {
        $update = Get-ImageDefinition $script:Catalog -Name 'Ubuntu 24.04' | Find-ImageUpdate -Verify -UrlRewrite $script:Server.Rewrite
        $update | Should -HaveCount 1
        $update.NewVersion | Should -Be '20261203'
        $update.CurrentVersion | Should -Be '20260108'
        $update.Verified | Should -BeTrue
        $update.SourceKind | Should -Be 'DatedDirectory'
        $update.Url | Should -Be 'https://cloud-images.ubuntu.com/noble/20261203/noble-server-cloudimg-amd64.img'
        $update.Checksum | Should -Match '^sha256:[0-9a-f]{64}$'
    }

    It 'finds the newest Garden Linux release through the releases API' {
        $update = Get-ImageDefinition $script:Catalog -Name 'Garden Linux' -IncludeDisabled | Find-ImageUpdate -UrlRewrite $script:Server.Rewrite
        $update.NewVersion | Should -Be '1877.12'
        $update.SourceKind | Should -Be 'GitHubRelease'
    }

    It 'writes an error naming the definition when its upstream answers 404, and goes on with the others' {
        $updates = Get-ImageDefinition $script:Catalog -Name 'Ubuntu 22.04', 'Ubuntu 24.04' |
            Find-ImageUpdate -UrlRewrite $script:Server.Rewrite -ErrorVariable problems -ErrorAction SilentlyContinue
        $updates.DefinitionName | Should -Be 'Ubuntu 24.04'
        $problems | Should -HaveCount 1
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject.Name | Should -Be 'Ubuntu 22.04'
    }

    It 'writes nothing for a definition without a source, and tells why with -Verbose' {
        $verbose = Get-ImageDefinition $script:Catalog -Name 'openSUSE Leap 15.6' | Find-ImageUpdate -Verbose 4>&1
        $verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'no latest_url' } | Should -Not -BeNullOrEmpty
        $verbose | Where-Object { $_ -is [OpenStackImageManager.Models.ImageUpdate] } | Should -BeNullOrEmpty
    }
}
