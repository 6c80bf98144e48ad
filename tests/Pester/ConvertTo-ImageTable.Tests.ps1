BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1' | Resolve-Path | Select-Object -Last 1) -Force
    $script:Catalog = Join-Path $PSScriptRoot '../OpenStackImageManager.Engine.Tests/Fixtures/osism-images/images'
}

Describe 'ConvertTo-ImageTable' {
    It 'writes one RST table string sorted by name, like the Python table script' {
        $table = Get-ImageDefinition $Catalog -IncludeDisabled | ConvertTo-ImageTable

        $table | Should -BeOfType ([string])
        $lines = $table -split "`n"
        $lines[1] | Should -Be 'Name                     Login user  Password'
        $lines[3] | Should -Be 'AlmaLinux 8              almalinux'
        $lines | Should -Contain 'Cirros                   cirros      gocubsgo'
    }

    It 'writes a Markdown table with -Format Markdown' {
        $table = Get-ImageDefinition $Catalog -Name Cirros, 'Ubuntu 24.04' | ConvertTo-ImageTable -Format Markdown

        ($table -split "`n")[0..3] | Should -Be @(
            '| Name         | Login user | Password |'
            '| ------------ | ---------- | -------- |'
            '| Cirros       | cirros     | gocubsgo |'
            '| Ubuntu 24.04 | ubuntu     |          |'
        )
    }

    It 'takes -InputObject by position' {
        $definitions = Get-ImageDefinition $Catalog -Name Cirros

        ConvertTo-ImageTable $definitions | Should -Match 'Cirros\s+cirros\s+gocubsgo'
    }
}
