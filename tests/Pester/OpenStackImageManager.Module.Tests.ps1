#Requires -Version 7.6
# The module as PowerShell loads it: manifest, exports and the isolated engine (help: Help.Tests.ps1;
# docs/ARCHITECTURE.md, "Dependency isolation", describes what these tests pin down).

BeforeAll {
    $script:ManifestPath = Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') |
        Select-Object -Last 1
    $script:Module = Import-Module $script:ManifestPath -Force -PassThru
    $script:Catalog = Join-Path $PSScriptRoot '../OpenStackImageManager.Engine.Tests/Fixtures/osism-images/images'
}

AfterAll {
    Remove-Module OpenStackImageManager -Force -ErrorAction SilentlyContinue
}

Describe 'Module manifest' {
    BeforeAll {
        $script:Manifest = Test-ModuleManifest -Path $script:ManifestPath -ErrorAction Stop
        $script:AssemblyCmdlets = $script:Module.ImplementingAssembly.GetExportedTypes() |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { "$($_.VerbName)-$($_.NounName)" } | Sort-Object
    }

    It 'is a valid manifest whose version is the name of its folder' {
        # Test-ModuleManifest also fails when a file it names (root module, format file) is missing.
        $script:Manifest.Version | Should -Be (Split-Path $script:Module.ModuleBase -Leaf)
        $script:Manifest.Version | Should -Not -Be ([version]'0.0.0')
    }

    It 'loads the cmdlet assembly as its root module' {
        $script:Manifest.RootModule | Should -Be 'OpenStackImageManager.dll'
        $script:Module.ImplementingAssembly.Location | Should -Be (Join-Path $script:Module.ModuleBase 'OpenStackImageManager.dll')
    }

    It 'requires PowerShell 7.6 on Core' {
        $script:Manifest.PowerShellVersion | Should -Be ([version]'7.6')
        $script:Manifest.CompatiblePSEditions | Should -Be @('Core')
    }

    It 'lists and exports exactly the cmdlets of the assembly' {
        ($script:Manifest.ExportedCmdlets.Keys | Sort-Object) | Should -Be $script:AssemblyCmdlets
        ($script:Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $script:AssemblyCmdlets
    }

    It 'exports no functions, variables or aliases' {
        $script:Module.ExportedFunctions.Count | Should -Be 0
        $script:Module.ExportedVariables.Count | Should -Be 0
        $script:Module.ExportedAliases.Count | Should -Be 0
    }

    It 'processes its format file' {
        $script:Module.ExportedFormatFiles | Split-Path -Leaf | Should -Be @('OpenStackImageManager.Format.ps1xml')
    }

    It 'carries the Gallery metadata' {
        $psData = $script:Manifest.PrivateData.PSData
        $psData.Tags | Should -Contain 'OpenStack'
        $psData.Tags | Should -Contain 'PSEdition_Core'
        [uri]::IsWellFormedUriString($psData.ProjectUri, 'Absolute') | Should -BeTrue
        [uri]::IsWellFormedUriString($psData.LicenseUri, 'Absolute') | Should -BeTrue
        $psData.ReleaseNotes | Should -Not -BeNullOrEmpty
        $script:Manifest.Guid | Should -Not -Be ([guid]::Empty)
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
        # Reading definitions loads no DiagnosticSource, so without an HTTP request (System.Net.Http uses
        # it) the loop below would check nothing. Make one: a POST to a closed port fails at once (POSTs
        # are not retried) with a ConnectionError; a second DiagnosticSource would instead split its types
        # (docs/ARCHITECTURE.md, "Dependency isolation").
        $file = Join-Path $TestDrive 'refused.yaml'
        Set-Content $file ("clouds:`n  refused:`n    auth:`n      auth_url: http://127.0.0.1:1/v3`n      username: u`n" +
            "      password: p`n      project_name: p`n      user_domain_name: Default`n      project_domain_name: Default`n")
        $savedConfig = $env:OS_CLIENT_CONFIG_FILE
        try {
            $env:OS_CLIENT_CONFIG_FILE = $file
            $err = $null
            Connect-OpenStack -Cloud refused -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        }
        finally {
            $env:OS_CLIENT_CONFIG_FILE = $savedConfig
        }
        $diag = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'System.Diagnostics.DiagnosticSource' }
        $diag | Should -Not -BeNullOrEmpty
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
        $nugetCache = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
        $findForeign = {
            param($packages)
            Get-ChildItem (Join-Path $packages 'yamldotnet') -Recurse -Filter YamlDotNet.dll -ErrorAction SilentlyContinue |
                Where-Object { $_.FullName -match '[\\/]lib[\\/]net\d+\.0[\\/]' -and $_.FullName -notmatch '16\.3\.0' } | Select-Object -First 1
        }
        $foreign = & $findForeign $nugetCache
        if (-not $foreign -and (Get-Command dotnet -ErrorAction SilentlyContinue)) {
            # A fresh CI machine's NuGet cache holds only the module's own YamlDotNet, which would skip this
            # test every time: restore an older one into TestDrive (outside the repository, so its central
            # package versions and NuGet settings do not apply).
            $project = Join-Path $TestDrive 'foreign-yaml'
            $null = New-Item -ItemType Directory -Force $project
            Set-Content (Join-Path $project 'foreign.csproj') ('<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework>' +
                '</PropertyGroup><ItemGroup><PackageReference Include="YamlDotNet" Version="15.3.0" /></ItemGroup></Project>')
            $null = dotnet restore $project --packages (Join-Path $TestDrive 'packages') 2>&1
            if ($LASTEXITCODE -eq 0) {
                $foreign = & $findForeign (Join-Path $TestDrive 'packages')
            }
        }
        if (-not $foreign) {
            Set-ItResult -Skipped -Because 'no other YamlDotNet version is in the NuGet cache, and YamlDotNet 15.3.0 could not be restored'
            return
        }
        $script = "Add-Type -Path '$($foreign.FullName)'; Import-Module '$($script:ManifestPath)'; " +
            "@(Get-ImageDefinition -Path '$($script:Catalog)').Count"
        $output = pwsh -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        [int]($output | Select-Object -Last 1) | Should -BeGreaterThan 0
    }
}
