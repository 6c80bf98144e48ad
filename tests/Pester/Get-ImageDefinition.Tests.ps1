BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1' | Resolve-Path | Select-Object -Last 1) -Force
    $script:Fixtures = Join-Path $PSScriptRoot '../OpenStackImageManager.Engine.Tests/Fixtures'
    $script:Catalog = Join-Path $Fixtures 'osism-images/images'
    $script:Bad = Join-Path $Fixtures 'bad-definitions'
}

Describe 'Get-ImageDefinition' {
    It 'writes the 12 enabled definitions of the fixture catalog as ImageDefinition objects' {
        $definitions = Get-ImageDefinition -Path $Catalog -ErrorAction Stop

        $definitions | Should -HaveCount 12
        $definitions | ForEach-Object { $_ | Should -BeOfType ([OpenStackImageManager.Models.ImageDefinition]) }
        $definitions.Name | Should -Contain 'Ubuntu 24.04'
    }

    It 'writes all 29 definitions with -IncludeDisabled' {
        Get-ImageDefinition $Catalog -IncludeDisabled | Should -HaveCount 29
    }

    It 'binds files from Get-ChildItem by property name' {
        $definitions = Get-ChildItem $Catalog -Filter '*.yml' | Get-ImageDefinition -IncludeDisabled

        $definitions | Should -HaveCount 29
    }

    It 'filters by wildcard name and by regular expression' {
        (Get-ImageDefinition $Catalog -Name 'ubuntu 24*').Name | Should -Be @('Ubuntu 24.04', 'Ubuntu 24.04 Minimal')
        (Get-ImageDefinition $Catalog -Filter '^Debian 1[23]$').Name | Should -Be @('Debian 12', 'Debian 13')
    }

    It 'exposes the Glance names of each version' {
        $cirros = Get-ImageDefinition $Catalog -Name Cirros

        $cirros.GlanceNames | Should -Be @('Cirros 0.6.2', 'Cirros 0.6.3')
        $cirros.CurrentVersion.Version | Should -Be '0.6.3'
        $cirros.Versions[-1].IsCurrent | Should -BeTrue
    }

    It 'writes a non-terminating error with file, line and column for an invalid file and keeps the valid ones flowing' {
        $badFile = Join-Path $Bad 'bad-format.yml'

        $definitions = Get-ImageDefinition -Path $badFile, $Catalog -ErrorVariable problems -ErrorAction SilentlyContinue

        $definitions | Should -HaveCount 12
        $problems | Should -HaveCount 1
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ImageDefinitionInvalid*'
        $problems[0].TargetObject.Line | Should -Be 7
        $problems[0].TargetObject.Column | Should -Be 13
        $problems[0].Exception.Message | Should -BeLike "*bad-format.yml:7:13: error: 'format' must be one of*"
    }

    It 'reports a missing path as ObjectNotFound' {
        Get-ImageDefinition (Join-Path $TestDrive 'missing') -ErrorVariable problems -ErrorAction SilentlyContinue

        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses an invalid -Filter with a terminating error' {
        { Get-ImageDefinition $Catalog -Filter '(' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidFilter*'
    }

    It 'formats as a table with name and Glance names' {
        # An explicit width: the view's columns without a Width share what the host offers, and a narrow
        # (or redirected) CI console would truncate the GlanceNames column with an ellipsis.
        $text = Get-ImageDefinition $Catalog -Name Cirros | Out-String -Width 250

        $text | Should -Match 'Cirros 0\.6\.2, Cirros 0\.6\.3'
    }
}
