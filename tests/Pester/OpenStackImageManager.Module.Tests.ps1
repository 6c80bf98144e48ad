#Requires -Version 7.6
# The module as PowerShell loads it: manifest, exports, help, and the isolated engine
# (../shared/reference/module-loading.md describes what these tests pin down).

BeforeAll {
    $script:ManifestPath = Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') |
        Select-Object -Last 1
    $script:Module = Import-Module $script:ManifestPath -Force -PassThru
    $script:Catalog = Join-Path $PSScriptRoot 'Fixtures' 'catalog'
}

AfterAll {
    Remove-Module OpenStackImageManager -Force -ErrorAction SilentlyContinue
}

Describe 'Module manifest' {
    It 'is a valid manifest' {
        { Test-ModuleManifest -Path $script:ManifestPath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'exports exactly the cmdlets of the assembly' {
        $assemblyCmdlets = $script:Module.ImplementingAssembly.GetExportedTypes() |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { "$($_.VerbName)-$($_.NounName)" } | Sort-Object
        ($script:Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $assemblyCmdlets
    }

    It 'exports no functions, variables or aliases' {
        $script:Module.ExportedFunctions.Count | Should -Be 0
        $script:Module.ExportedVariables.Count | Should -Be 0
        $script:Module.ExportedAliases.Count | Should -Be 0
    }

    It 'has help for every cmdlet when build.ps1 Help ran' -Skip:(-not (Test-Path (Join-Path $script:Module.ModuleBase 'en-US/OpenStackImageManager.dll-Help.xml'))) {
        foreach ($name in $script:Module.ExportedCmdlets.Keys) {
            $help = Get-Help $name -Full
            $help.Synopsis | Should -Not -BeNullOrEmpty -Because "$name needs a synopsis"
            @($help.Examples.Example).Count | Should -BeGreaterThan 0 -Because "$name needs an example"
        }
    }

    It 'has the about topic' {
        Get-Help about_OpenStackImageManager | Out-String | Should -Match 'OpenStackImageManager'
    }
}

Describe 'Engine isolation' {
    BeforeAll {
        # Any cmdlet that calls the engine loads it; reading the catalog needs YamlDotNet too.
        Get-ImageDefinition -Path $script:Catalog -ErrorAction SilentlyContinue | Out-Null
        $script:Loaded = [AppDomain]::CurrentDomain.GetAssemblies()
        $script:Engine = $script:Loaded | Where-Object { $_.GetName().Name -eq 'OpenStackImageManager.Engine' }
    }

    It 'loads the engine from Dependencies/ into the private load context' {
        $script:Engine | Should -HaveCount 1
        $script:Engine.Location | Should -BeLike (Join-Path $script:Module.ModuleBase 'Dependencies' '*')
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($script:Engine).Name | Should -Be 'EngineLoadContext'
    }

    It 'keeps YamlDotNet out of the default load context' {
        $yaml = $script:Loaded | Where-Object { $_.GetName().Name -eq 'YamlDotNet' -and $_.Location -like "$($script:Module.ModuleBase)*" }
        $yaml | Should -Not -BeNullOrEmpty
        foreach ($assembly in $yaml) {
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name | Should -Be 'EngineLoadContext'
        }
    }

    It 'loads the Models assembly once, in the default context, so type literals work' {
        $models = $script:Loaded | Where-Object { $_.GetName().Name -eq 'OpenStackImageManager.Models' }
        $models | Should -HaveCount 1
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($models) |
            Should -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default)
        { [OpenStackImageManager.Models.ImageDefinition] } | Should -Not -Throw
    }

    It 'uses the framework''s DiagnosticSource, not a private copy' {
        $diag = $script:Loaded | Where-Object { $_.GetName().Name -eq 'System.Diagnostics.DiagnosticSource' }
        foreach ($assembly in $diag) {
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly) |
                Should -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default)
        }
    }

    It 'survives Remove-Module and Import-Module in the same session' {
        Remove-Module OpenStackImageManager -Force
        $again = Import-Module $script:ManifestPath -Force -PassThru
        { Get-ImageDefinition -Path $script:Catalog -ErrorAction Stop | Out-Null } | Should -Not -Throw
        @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'OpenStackImageManager.Engine' }).Count |
            Should -Be 1 -Because 'the private context is reused, not duplicated'
        $again.ExportedCmdlets.Count | Should -Be $script:Module.ExportedCmdlets.Count
    }
}

Describe 'Engine isolation against another YamlDotNet' {
    It 'works when another module loaded a different YamlDotNet first' {
        # A child process, so the foreign YamlDotNet is loaded before ours ever is.
        $foreign = Get-ChildItem (Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages/yamldotnet') -Recurse -Filter YamlDotNet.dll -ErrorAction SilentlyContinue |
            Where-Object { $_.FullName -match '[\\/]lib[\\/]net8\.0[\\/]' -and $_.FullName -notmatch '16\.3\.0' } | Select-Object -First 1
        if (-not $foreign) {
            Set-ItResult -Skipped -Because 'no other YamlDotNet version is in the NuGet cache of this machine'
            return
        }
        $script = "Add-Type -Path '$($foreign.FullName)'; Import-Module '$($script:ManifestPath)'; " +
            "@(Get-ImageDefinition -Path '$($script:Catalog)').Count"
        $output = pwsh -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        [int]($output | Select-Object -Last 1) | Should -BeGreaterThan 0
    }
}
