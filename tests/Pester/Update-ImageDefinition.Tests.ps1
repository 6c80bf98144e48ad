#Requires -Version 7.6
# Update-ImageDefinition as users call it: -WhatIf, the written text (comments and layout kept), the
# mirror rules, on copies of the real catalog files and a local stand-in of the upstream sites.

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

Describe 'Update-ImageDefinition surface' {
    It 'supports -WhatIf and -Confirm and declares ImageDefinitionEdit' {
        $command = Get-Command Update-ImageDefinition
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
        $command.OutputType.Name | Should -Contain 'OpenStackImageManager.Models.ImageDefinitionEdit'
        $command.Parameters['InputObject'].ParameterType | Should -Be ([OpenStackImageManager.Models.ImageUpdate[]])
    }

    It 'refuses -Mirror without -MirrorBaseUrl or MIRROR_BASE_URL' {
        { Get-ImageDefinition $script:Catalog -Name 'Ubuntu 24.04' | Find-ImageUpdate -UrlRewrite $script:Server.Rewrite | Update-ImageDefinition -Mirror } |
            Should -Throw -ErrorId 'MirrorTargetIncomplete,OpenStackImageManager.Commands.UpdateImageDefinitionCommand'
    }
}

Describe 'Update-ImageDefinition on a copy of the catalog' {
    BeforeEach {
        $script:Folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $script:Folder | Out-Null
        Copy-Item (Join-Path $script:Catalog 'ubuntu.yml'), (Join-Path $script:Catalog 'gardenlinux.yml') $script:Folder
        $script:Ubuntu = Join-Path $script:Folder 'ubuntu.yml'
    }

    It 'changes nothing with -WhatIf' {
        $before = Get-Content -Raw $script:Ubuntu
        $result = Get-ImageDefinition $script:Ubuntu -Name 'Ubuntu 24.04' | Find-ImageUpdate -UrlRewrite $script:Server.Rewrite | Update-ImageDefinition -WhatIf -PassThru
        $result | Should -BeNullOrEmpty
        Get-Content -Raw $script:Ubuntu | Should -BeExactly $before
    }

    It 'writes the new build in place, says the exact change, and keeps every other line' {
        $before = Get-Content $script:Ubuntu
        $output = Get-ImageDefinition $script:Ubuntu -Name 'Ubuntu 24.04' | Find-ImageUpdate -UrlRewrite $script:Server.Rewrite |
            Update-ImageDefinition -PassThru -Confirm:$false -Verbose 4>&1
        $edit = $output | Where-Object { $_ -is [OpenStackImageManager.Models.ImageDefinitionEdit] }
        $edit.Written | Should -BeTrue
        $edit.Policy | Should -Be 'ReplaceNewest'
        $edit.OldVersion | Should -Be '20260108'
        $said = ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $said | Should -Match ([regex]::Escape("+      - version: '20261203'"))

        $after = Get-Content $script:Ubuntu
        $after.Count | Should -Be ($before.Count - 2) -Because 'the old mirror_url (two lines) names no object of the new build'
        (Compare-Object $before $after | Measure-Object).Count | Should -Be 10
        (Get-ImageDefinition $script:Ubuntu -Name 'Ubuntu 24.04').CurrentVersion.Version | Should -Be '20261203'
    }

    It 'appends Garden Linux releases and keeps the newest three with -Keep' {
        $file = Join-Path $script:Folder 'gardenlinux.yml'
        $edit = Get-ImageDefinition $file -IncludeDisabled | Find-ImageUpdate -UrlRewrite $script:Server.Rewrite | Update-ImageDefinition -Keep 3 -PassThru -Confirm:$false
        $edit.Policy | Should -Be 'Append'
        $edit.RemovedVersions | Should -HaveCount 5
        (Get-ImageDefinition $file -IncludeDisabled).Versions.Version | Should -Be @('1877.7', '1877.10', '1877.12')
    }

    It 'writes no mirror_url when the mirror does not hold the object' {
        $edit = Get-ImageDefinition $script:Ubuntu -Name 'Ubuntu 24.04' | Find-ImageUpdate -UrlRewrite $script:Server.Rewrite |
            Update-ImageDefinition -MirrorBaseUrl 'http://127.0.0.1:1/no-such-bucket' -PassThru -Confirm:$false -WarningVariable warned -WarningAction SilentlyContinue
        $edit.MirrorUrl | Should -BeNullOrEmpty
        $warned | Should -Match 'written without mirror_url'
        (Get-ImageDefinition $script:Ubuntu -Name 'Ubuntu 24.04').CurrentVersion.MirrorUrl | Should -BeNullOrEmpty
    }
}
