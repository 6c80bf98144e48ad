BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1' | Resolve-Path | Select-Object -Last 1) -Force
    $script:Fixtures = Join-Path $PSScriptRoot '../OpenStackImageManager.Engine.Tests/Fixtures'
    $script:Catalog = Join-Path $Fixtures 'osism-images/images'
    $script:Bad = Join-Path $Fixtures 'bad-definitions'
}

Describe 'Test-ImageDefinition' {
    It 'finds no problem in the fixture catalog, even with -Strict' {
        Test-ImageDefinition $Catalog -Strict | Should -BeNullOrEmpty
        Test-ImageDefinition $Catalog -Strict -Quiet | Should -BeTrue
    }

    It 'writes one problem object with its position per bad file' {
        $problems = Get-ChildItem $Bad -Filter '*.yml' | Test-ImageDefinition

        $problems.Count | Should -BeGreaterOrEqual 40
        $duplicate = $problems | Where-Object { $_.File -like '*duplicate-key.yml' }
        $duplicate | Should -BeOfType ([OpenStackImageManager.Models.DefinitionProblem])
        $duplicate.Line | Should -Be 9
        $duplicate.Column | Should -Be 5
        $duplicate.Severity | Should -Be 'Error'
        $duplicate.Message | Should -Be "duplicate key 'login' (first defined at line 8); a key may appear once per mapping"
    }

    It 'returns $false with -Quiet for a bad file' {
        Test-ImageDefinition (Join-Path $Bad 'tab-indentation.yml') -Quiet | Should -BeFalse
    }

    It 'turns a warning into an error with -Strict' {
        $file = Join-Path $TestDrive 'typo.yml'
        (Get-Content (Join-Path $Catalog 'cirros.yml') -Raw) -replace 'os_purpose: minimal', "os_purpose: minimal`n      os_distor: cirros" |
            Set-Content $file

        $lenient = Test-ImageDefinition $file
        $strict = Test-ImageDefinition $file -Strict

        $lenient.Severity | Should -Be 'Warning'
        $strict.Severity | Should -Be 'Error'
        Test-ImageDefinition $file -Quiet | Should -BeTrue
        Test-ImageDefinition $file -Strict -Quiet | Should -BeFalse
    }

    It 'validates the definitions piped from Get-ImageDefinition, not their names as paths, at their positions' {
        $text = Get-Content (Join-Path $Catalog 'cirros.yml') -Raw
        $entry = $text.Substring($text.IndexOf('  - name: Cirros'))
        $second = $entry.Replace('name: Cirros', 'name: Cirros Two').Replace('os_purpose: minimal', "os_purpose: minimal`n      os_distor: cirros")
        $file = Join-Path $TestDrive 'two.yml'
        Set-Content $file ($text.TrimEnd() + "`n" + $second)
        $definitions = Get-ImageDefinition $file -WarningAction SilentlyContinue
        $definitions.Count | Should -Be 2

        $all = @($definitions | Test-ImageDefinition -Strict)
        $first = @($definitions | Where-Object Name -eq 'Cirros' | Test-ImageDefinition -Strict)

        $all.Count | Should -Be 1
        $all[0].File | Should -Be $file
        $all[0].Severity | Should -Be 'Error'
        $all[0].Message | Should -BeLike "unknown property 'os_distor'*"
        $all[0].Line | Should -BeGreaterThan ($definitions | Where-Object Name -eq 'Cirros Two').SourceLine
        $first | Should -BeNullOrEmpty
        $definitions | Test-ImageDefinition -Strict -Quiet | Should -BeFalse
    }

    It 'gives $false with -Quiet for a path that does not exist' {
        Test-ImageDefinition (Join-Path $TestDrive 'missing.yml') -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
    }
}
