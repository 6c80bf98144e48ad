#Requires -Version 7.6
<#
.SYNOPSIS
    Builds, documents, tests and packages the OpenStackImageManager module.

.DESCRIPTION
    Tasks (run in the order given):
      Build    dotnet publish of the cmdlet project: lays the module out in out/OpenStackImageManager/<version>/
               (root: manifest, cmdlet and Models assemblies, format file, en-US; Dependencies/: Engine + packages).
      Help     The help compiler (no PlatyPS): en-US/<Verb-Noun>.md -> OpenStackImageManager.dll-Help.xml in the layout's en-US/.
      Test     dotnet test (unit, module surface; integration when the local test cloud is up), then Pester 5
               in a child 'pwsh -NoProfile' against the laid-out module.
      Pester   Only the Pester part of Test.
      Package  The module as a .nupkg (PSResourceGet) and the openstack-image-manager .NET tool, into out/packages/.

    Tool versions (Pester) are pinned in $ToolVersions below and installed for the current user when missing.

.EXAMPLE
    ./build.ps1 -Task Build, Help, Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Help', 'Test', 'Pester', 'Package')]
    [string[]] $Task = @('Build', 'Help', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# The one place where build tool versions are pinned.
$ToolVersions = [ordered]@{
    'Pester'                       = '5.7.1'
}

$RepoRoot = $PSScriptRoot
$ModuleName = 'OpenStackImageManager'
$OutDir = Join-Path $RepoRoot 'out'
$TestResults = Join-Path $OutDir 'TestResults'
# XPath, not .Project.PropertyGroup.VersionPrefix: with a second PropertyGroup that dotted path becomes
# member enumeration over groups without VersionPrefix, which Set-StrictMode -Version Latest refuses.
$versionNode = ([xml](Get-Content (Join-Path $RepoRoot 'Directory.Build.props') -Raw)).SelectSingleNode('/Project/PropertyGroup/VersionPrefix')
if ($null -eq $versionNode) { throw 'Directory.Build.props has no VersionPrefix.' }
$Version = $versionNode.InnerText.Trim()
$LayoutDir = Join-Path $OutDir $ModuleName $Version

function Invoke-Native {
    param([Parameter(Mandatory)][string] $Command, [string[]] $Arguments)
    Write-Host "> $Command $($Arguments -join ' ')" -ForegroundColor DarkGray
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command exited with $LASTEXITCODE." }
}

function Install-PinnedTool {
    param([Parameter(Mandatory)][string] $Name)
    $wanted = $ToolVersions[$Name]
    if (-not (Get-Module -ListAvailable -Name $Name | Where-Object { $_.Version -eq [version]$wanted })) {
        Write-Host "Installing $Name $wanted for the current user"
        Install-PSResource -Name $Name -Version $wanted -Scope CurrentUser -TrustRepository -Quiet
    }
    Import-Module -Name $Name -RequiredVersion $wanted -Force
}

function Invoke-Build {
    Invoke-Native dotnet @('publish', (Join-Path $RepoRoot "src/$ModuleName/$ModuleName.csproj"), '-c', $Configuration, '--nologo')
    Invoke-Native dotnet @('build', (Join-Path $RepoRoot 'ImageManager.sln'), '-c', $Configuration, '--nologo')
}

function Invoke-Help {
    # The targets 'dotnet publish' runs as well: the help compiler (tools/OpenStackImageManager.HelpCompiler,
    # built through the module project) turns en-US/<Verb-Noun>.md into OpenStackImageManager.dll-Help.xml and
    # copies it with the about_ topic into the layout's en-US/. A malformed page fails here with its file(line).
    $project = Join-Path $RepoRoot "src/$ModuleName/$ModuleName.csproj"
    Invoke-Native dotnet @('build', $project, '-c', $Configuration, '--nologo', '-t:Build;LayoutModuleHelp')
    Write-Host "Help: $(Join-Path $LayoutDir 'en-US' "$ModuleName.dll-Help.xml")"
}

function Invoke-DotNetTest {
    # Hosted.Tests runs the module in PowerShell's engine inside the test process; its cloud class, like
    # the integration tests, needs the local test cloud.
    $runs = @(
        @{ Project = 'OpenStackImageManager.Module.Tests' },
        @{ Project = 'OpenStackImageManager.Hosted.Tests'; Filter = $(if (-not $env:OIM_TESTCLOUD) { 'FullyQualifiedName!~HostedCloudTests' }) },
        @{ Project = 'OpenStackImageManager.Engine.Tests' },
        @{ Project = 'OpenStackImageManager.Cli.Tests' }
    )
    if ($env:OIM_TESTCLOUD) {
        $runs += @{ Project = 'OpenStackImageManager.Integration.Tests' }
    } else {
        Write-Warning 'Integration tests (and the hosted cloud tests) SKIPPED: the local test cloud is not running (source /var/tmp/oim-testcloud/env.sh after bash tests/cloud/start.sh).'
    }
    foreach ($run in $runs) {
        $arguments = @('test', (Join-Path $RepoRoot "tests/$($run.Project)"), '-c', $Configuration, '--nologo',
            '--logger', "trx;LogFilePrefix=$($run.Project)", '--results-directory', $TestResults)
        if ($run.Filter) { $arguments += @('--filter', $run.Filter) }
        Invoke-Native dotnet $arguments
    }
}

function Invoke-Pester {
    Install-PinnedTool 'Pester'
    New-Item -ItemType Directory -Force $TestResults | Out-Null
    # A child process: the module is imported fresh, as a user would, and unloads with it.
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module Pester -RequiredVersion '$($ToolVersions.Pester)'
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $RepoRoot 'tests' 'Pester')'
`$config.Run.Exit = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputFormat = 'NUnitXml'
`$config.TestResult.OutputPath = '$(Join-Path $TestResults 'pester.xml')'
Invoke-Pester -Configuration `$config
"@
    Invoke-Native (Get-Process -Id $PID).Path @('-NoProfile', '-NonInteractive', '-Command', $script)
}

function Invoke-Package {
    $packages = Join-Path $OutDir 'packages'
    New-Item -ItemType Directory -Force $packages | Out-Null
    Invoke-Native dotnet @('pack', (Join-Path $RepoRoot 'src/OpenStackImageManager.Cli'), '-c', $Configuration, '-o', $packages, '--nologo')
    # PSResourceGet refuses to publish a version the repository folder already holds: a rerun replaces it.
    $modulePackage = Join-Path $packages "$ModuleName.$Version.nupkg"
    Remove-Item $modulePackage -Force -ErrorAction SilentlyContinue
    $repository = "oim-build-$PID"
    Register-PSResourceRepository -Name $repository -Uri $packages -Trusted
    try {
        Publish-PSResource -Path $LayoutDir -Repository $repository
    } finally {
        Unregister-PSResourceRepository -Name $repository
    }
    # A module package without its compiled help would install a module whose Get-Help shows only syntax.
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = [System.IO.Compression.ZipFile]::OpenRead($modulePackage)
    try {
        $entries = $zip.Entries.FullName
    } finally {
        $zip.Dispose()
    }
    foreach ($helpFile in "en-US/$ModuleName.dll-Help.xml", "en-US/about_$ModuleName.help.txt") {
        if ($helpFile -notin $entries) { throw "$modulePackage lacks $helpFile." }
    }
    Get-ChildItem $packages -Filter '*.nupkg' | ForEach-Object { Write-Host "Package: $($_.FullName)" }
}

foreach ($step in $Task) {
    Write-Host "=== $step ===" -ForegroundColor Cyan
    switch ($step) {
        'Build' { Invoke-Build }
        'Help' { Invoke-Help }
        'Test' { Invoke-DotNetTest; Invoke-Pester }
        'Pester' { Invoke-Pester }
        'Package' { Invoke-Package }
    }
}
