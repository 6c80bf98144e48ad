#Requires -Version 7.6
# Test-ImageLifecycle as users call it: the real catalog against endoflife.date data kept in the
# repository (offline), Markdown, broken data, and (with OIM_TESTCLOUD) the age check against a cloud.

BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force
    $script:Catalog = Join-Path $PSScriptRoot '../OpenStackImageManager.Engine.Tests/Fixtures/osism-images/images'
    $script:EndOfLife = Join-Path $PSScriptRoot '../OpenStackImageManager.Engine.Tests/Fixtures/upstream/endoflife'
}

AfterAll {
    Remove-Module OpenStackImageManager -Force -ErrorAction SilentlyContinue
}

Describe 'Test-ImageLifecycle surface' {
    It 'declares LifecycleFinding and only reads' {
        $command = Get-Command Test-ImageLifecycle
        $command.OutputType.Name | Should -Contain 'OpenStackImageManager.Models.LifecycleFinding'
        $command.Parameters.Keys | Should -Not -Contain 'WhatIf'
    }
}

Describe 'Test-ImageLifecycle offline' {
    It 'reports the new majors the catalog misses and the enabled releases past their end' {
        $findings = Get-ImageDefinition $script:Catalog -IncludeDisabled | Test-ImageLifecycle -EndOfLifeSource $script:EndOfLife -Today 2026-12-06
        ($findings | Where-Object Kind -EQ 'NewRelease' | ForEach-Object { "$($_.Product) $($_.Cycle)" } | Sort-Object) |
            Should -Be @('almalinux 10', 'centos-stream 10', 'opensuse 16.0', 'rocky-linux 10', 'ubuntu 26.04')
        $findings | Where-Object { $_.Kind -eq 'EndOfLife' -and $_.Cycle -eq '15.6' } | Should -Not -BeNullOrEmpty
    }

    It 'writes one Markdown report with -Markdown' {
        $report = Get-ImageDefinition $script:Catalog -IncludeDisabled | Test-ImageLifecycle -EndOfLifeSource $script:EndOfLife -Today 2026-12-06 -Product ubuntu -Markdown
        $report | Should -HaveCount 1
        $report | Should -Match '## New versions available'
        $report | Should -Match 'ubuntu 26.04 was released 2026-04-23'
    }

    It 'writes a ReadError for a product whose data is missing and checks the others' {
        $empty = Join-Path $TestDrive 'eol'
        New-Item -ItemType Directory $empty | Out-Null
        Copy-Item (Join-Path $script:EndOfLife 'api/ubuntu.json') $empty
        $findings = Get-ImageDefinition $script:Catalog -IncludeDisabled | Test-ImageLifecycle -EndOfLifeSource $empty -Today 2026-12-06 -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems | Should -HaveCount 5
        $problems[0].CategoryInfo.Category | Should -Be 'ReadError'
        $findings | Where-Object Product -EQ 'ubuntu' | Should -Not -BeNullOrEmpty
    }
}

Describe 'Test-ImageLifecycle with the age check against the local test cloud (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestCloud.ps1')
        Use-TestCloudConfig
    }

    It 'lists the managed images of the project and reports no aged image where there is none' {
        $findings = Get-ImageDefinition $script:Catalog -Name 'Ubuntu 24.04' |
            Test-ImageLifecycle -EndOfLifeSource $script:EndOfLife -Today 2026-12-06 -Product ubuntu -Cloud oim-p4 -MaxAge 30 -ManagedTag "oim-pester-$TestRunId" -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        $findings | Where-Object Kind -EQ 'Aged' | Should -BeNullOrEmpty
    }
}
