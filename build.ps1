#Requires -Version 7.6
<#
.SYNOPSIS
    Builds, documents, tests and packages the OpenStackImageManager module.

.DESCRIPTION
    Tasks (run in the order given):
      Build    dotnet publish of the cmdlet project: lays the module out in out/OpenStackImageManager/<version>/
               (root: manifest, cmdlet and Models assemblies, format file, en-US with the help;
               Dependencies/: Engine + packages), then builds the rest of the solution.
      Help     The help compiler (no PlatyPS): en-US/<Verb-Noun>.md -> OpenStackImageManager.dll-Help.xml in the
               layout's en-US/ (the step 'dotnet publish' also runs).
      Test     Every xunit project, then the Pester suite in a child pwsh started from $PSHOME, against the
               laid-out module; ends with one line 'N passed, N failed, N skipped' over all of them.
               The integration tests and the cloud-gated Pester blocks need the local test cloud
               (tests/run-tests.sh starts it and calls this task). Without it they do not run and are
               counted as skipped; under CI (CI=true) a suite that did not run, or a skipped test, is a
               failure unless -WithoutCloud is given.
      Pester   Only the Pester part of Test (with its own closing line).
      Package  The module as a .nupkg (PSResourceGet) and the openstack-image-manager .NET tool, into out/packages/.

    No tool comes from the PowerShell Gallery: pwsh itself is pinned in .config/dotnet-tools.json and
    Pester in tools/BuildTools/BuildTools.csproj, both restored from NuGet.

.EXAMPLE
    ./build.ps1 -Task Build, Help, Test

.EXAMPLE
    dotnet tool restore; dotnet tool run pwsh -NoProfile -File ./build.ps1 -Task Build, Pester
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Help', 'Test', 'Pester', 'Package')]
    [string[]] $Task = @('Build', 'Help', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Accept that the suites needing the local test cloud do not run (a machine without Debian's
    # OpenStack packages, e.g. Windows). Without it, under CI a suite that did not run is a failure.
    [switch] $WithoutCloud
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

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
# The xunit projects, in the order they run. Those marked Cloud need the local test cloud.
$TestProjects = @(
    [pscustomobject]@{ Name = 'OpenStackImageManager.Module.Tests'; Cloud = $false }
    [pscustomobject]@{ Name = 'OpenStackImageManager.Hosted.Tests'; Cloud = $false }
    [pscustomobject]@{ Name = 'OpenStackImageManager.Engine.Tests'; Cloud = $false }
    [pscustomobject]@{ Name = 'OpenStackImageManager.Cli.Tests'; Cloud = $false }
    [pscustomobject]@{ Name = 'OpenStackImageManager.Integration.Tests'; Cloud = $true }
    # The fault suite (docs/fault-suite.md): seeded faults, kill -9 and overlapping runs against the local cloud.
    [pscustomobject]@{ Name = 'OpenStackImageManager.Fault.Tests'; Cloud = $true }
)

function Invoke-Native {
    param([Parameter(Mandatory)][string] $Command, [string[]] $Arguments)
    Write-Host "> $Command $($Arguments -join ' ')" -ForegroundColor DarkGray
    # Out-Host: a tool's output is for the log, never part of a function's return value.
    & $Command @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$Command exited with $LASTEXITCODE." }
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

function Test-CloudAvailable {
    # tests/cloud/start.sh writes env.sh, which sets OIM_TESTCLOUD; tests/run-tests.sh sources it.
    return [bool]$env:OIM_TESTCLOUD
}

function Invoke-DotNetTest {
    # Returns one count per project; a project that could not run at all counts as one failure.
    $cloud = Test-CloudAvailable
    foreach ($project in $TestProjects) {
        $trx = Join-Path $TestResults "$($project.Name).trx"
        Remove-Item $trx -ErrorAction SilentlyContinue
        if ($project.Cloud -and -not $cloud) {
            Write-Warning "$($project.Name) NOT RUN: the local test cloud is not running (bash tests/run-tests.sh starts it)."
            [pscustomobject]@{ Suite = $project.Name; Passed = 0; Failed = 0; Skipped = 0; NotRun = $true }
            continue
        }
        if ($project.Name -eq 'OpenStackImageManager.Fault.Tests') {
            # The fault suite runs the command line as operators get it: on linux-x64 that is the Native
            # AOT build of its tool package, so the native binary meets every fault scenario there.
            $env:OIM_FAULT_TOOL = Get-FaultSuiteTool
            Write-Host "Fault suite tool: $(if ($env:OIM_FAULT_TOOL) { $env:OIM_FAULT_TOOL } else { 'the built openstack-image-manager.dll' })"
        }
        $arguments = @('test', (Join-Path $RepoRoot "tests/$($project.Name)"), '-c', $Configuration, '--nologo',
            '--logger', "trx;LogFileName=$($project.Name).trx", '--logger', 'console;verbosity=normal',
            '--results-directory', $TestResults)
        if (-not $cloud -and $project.Name -eq 'OpenStackImageManager.Hosted.Tests') {
            # Its cloud class needs the local test cloud; the rest of it does not. The part left out is
            # reported as a suite that did not run, never dropped in silence.
            $arguments += @('--filter', 'FullyQualifiedName!~HostedCloudTests')
            Write-Warning "$($project.Name) (cloud tests) NOT RUN: the local test cloud is not running."
            [pscustomobject]@{ Suite = "$($project.Name) (cloud)"; Passed = 0; Failed = 0; Skipped = 0; NotRun = $true }
        }
        Write-Host "=== dotnet test $($project.Name) ===" -ForegroundColor Cyan
        & dotnet @arguments | Out-Host
        $exitCode = $LASTEXITCODE
        Remove-Item Env:OIM_FAULT_TOOL -ErrorAction SilentlyContinue
        Read-TrxCount -Suite $project.Name -Path $trx -ExitCode $exitCode
    }
}

function Get-FaultSuiteTool {
    # Native AOT builds only for the host's own platform; elsewhere the suite runs the portable assembly.
    $linuxX64 = $IsLinux -and [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture -eq 'X64'
    if (-not $linuxX64) { return $null }
    $native = Join-Path $OutDir 'cli-native'
    try {
        Invoke-Native dotnet @('publish', (Join-Path $RepoRoot 'src/OpenStackImageManager.Cli'), '-c', $Configuration, '-r', 'linux-x64',
            '-p:PublishAot=true', '-o', $native, '--nologo')
    }
    catch {
        # CI installs the C toolchain (tests/cloud/install.sh): there a failed native build fails the run.
        if ($env:CI) { throw }
        Write-Warning "The Native AOT build of the command line failed ($_); the fault suite runs the portable assembly. Native AOT links with gcc or clang."
        return $null
    }
    return (Join-Path $native 'openstack-image-manager')
}

function Read-TrxCount {
    param([string] $Suite, [string] $Path, [int] $ExitCode)
    if (-not (Test-Path $Path)) {
        Write-Host "No test results for $Suite (dotnet test exited with $ExitCode)." -ForegroundColor Red
        return [pscustomobject]@{ Suite = $Suite; Passed = 0; Failed = 1; Skipped = 0; NotRun = $false }
    }
    $counters = ([xml](Get-Content $Path -Raw)).TestRun.ResultSummary.Counters
    $failed = 0
    foreach ($name in 'failed', 'error', 'timeout', 'aborted') { $failed += [int]$counters.GetAttribute($name) }
    # A build error or a crashed test host can leave counters at zero with a non-zero exit code.
    if ($ExitCode -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{
        Suite   = $Suite
        Passed  = [int]$counters.GetAttribute('passed')
        Failed  = $failed
        Skipped = [int]$counters.GetAttribute('notExecuted')
        NotRun  = $false
    }
}

function Get-PesterModulePath {
    # Pester comes from NuGet (tools/BuildTools restores it with the solution), never from the Gallery.
    $project = Join-Path $RepoRoot 'tools/BuildTools/BuildTools.csproj'
    $node = ([xml](Get-Content $project -Raw)).SelectSingleNode("//PackageDownload[@Include='Pester']")
    if ($null -eq $node) { throw "$project does not pin Pester." }
    $version = $node.GetAttribute('Version').Trim('[', ']')
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else {
        $line = & dotnet nuget locals global-packages --list
        ($line -replace '^global-packages:\s*', '').Trim()
    }
    $manifest = Join-Path $packages "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) {
        Invoke-Native dotnet @('restore', $project, '--nologo')
    }
    if (-not (Test-Path $manifest)) { throw "Pester $version is not at $manifest after restoring $project." }
    return $manifest
}

function Get-ChildShell {
    # The pwsh running this script, whichever way it was installed (a .NET tool runs under 'dotnet',
    # so the current process's path is not a shell to start).
    $name = if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }
    $path = Join-Path $PSHOME $name
    if (-not (Test-Path $path)) { throw "No $name in `$PSHOME ($PSHOME)." }
    return $path
}

function Invoke-PesterSuite {
    $pester = Get-PesterModulePath
    New-Item -ItemType Directory -Force $TestResults | Out-Null
    $summary = Join-Path $TestResults 'pester-summary.json'
    Remove-Item $summary -ErrorAction SilentlyContinue
    # A child process: the module is imported fresh, as a user would, and unloads with it.
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$pester'
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $RepoRoot 'tests' 'Pester')'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputFormat = 'NUnitXml'
`$config.TestResult.OutputPath = '$(Join-Path $TestResults 'pester.xml')'
`$run = Invoke-Pester -Configuration `$config
[pscustomobject]@{
    Passed = `$run.PassedCount; Failed = `$run.FailedCount; Skipped = `$run.SkippedCount; NotRun = `$run.NotRunCount
    FailedBlocks = `$run.FailedBlocksCount; FailedContainers = `$run.FailedContainersCount
} | ConvertTo-Json | Set-Content '$summary'
"@
    Write-Host '=== Pester ===' -ForegroundColor Cyan
    & (Get-ChildShell) -NoProfile -NonInteractive -Command $script | Out-Host
    $exitCode = $LASTEXITCODE
    if (-not (Test-Path $summary)) {
        Write-Host "The Pester run ended without a result (exit code $exitCode)." -ForegroundColor Red
        return [pscustomobject]@{ Suite = 'Pester'; Passed = 0; Failed = 1; Skipped = 0; NotRun = $false }
    }
    $result = Get-Content $summary -Raw | ConvertFrom-Json
    # A file that failed Discovery or a failed BeforeAll/AfterAll is in no test counter: one failure each.
    $outside = $result.FailedBlocks + $result.FailedContainers
    if ($outside -gt 0) { Write-Host "Pester: $outside block(s) or file(s) failed outside the tests (see above)." -ForegroundColor Red }
    [pscustomobject]@{
        Suite   = 'Pester'
        Passed  = [int]$result.Passed
        Failed  = [int]$result.Failed + $outside
        Skipped = [int]$result.Skipped + [int]$result.NotRun
        NotRun  = $false
    }
}

function Write-TestSummary {
    # The closing line of the test command: every suite counted, a suite that did not run is never silent.
    param([object[]] $Counts, [datetime] $Started)
    $Counts | Format-Table Suite, Passed, Failed, Skipped, @{ Name = 'Ran'; Expression = { -not $_.NotRun } } -AutoSize | Out-Host
    $failed = ($Counts | Measure-Object Failed -Sum).Sum
    $notRun = @($Counts | Where-Object NotRun)
    if ($notRun.Count -gt 0) {
        Write-Host "NOT RUN (no local test cloud): $($notRun.Suite -join ', ')." -ForegroundColor Yellow
        if ($env:CI -eq 'true' -and -not $WithoutCloud) {
            Write-Host 'Under CI every suite must run (or -WithoutCloud says why not): counted as failures.' -ForegroundColor Red
            $failed += $notRun.Count
        }
    }
    $passed = ($Counts | Measure-Object Passed -Sum).Sum
    # A suite that did not run counts once: as a failure under CI, as skipped otherwise.
    $notRunSkipped = if ($env:CI -eq 'true' -and -not $WithoutCloud) { 0 } else { $notRun.Count }
    $skipped = ($Counts | Measure-Object Skipped -Sum).Sum + $notRunSkipped
    # The only skips in the suites are the blocks that need the local test cloud. With the cloud up (the
    # test command starts it) none may skip: under CI a skipped test is a test that did not run.
    $ranSkipped = ($Counts | Where-Object { -not $_.NotRun } | Measure-Object Skipped -Sum).Sum
    if ($ranSkipped -gt 0 -and $env:CI -eq 'true' -and -not $WithoutCloud) {
        Write-Host "$ranSkipped test(s) skipped although every suite must run under CI (or -WithoutCloud says why not): counted as failures." -ForegroundColor Red
        $failed += $ranSkipped
        $skipped -= $ranSkipped
    }
    Write-Host "Tests took $([int]((Get-Date) - $Started).TotalSeconds) s."
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    return $failed -eq 0
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

$started = Get-Date
$counts = [System.Collections.Generic.List[object]]::new()
foreach ($step in $Task) {
    Write-Host "=== $step ===" -ForegroundColor Cyan
    switch ($step) {
        'Build' { Invoke-Build }
        'Help' { Invoke-Help }
        'Test' { Invoke-DotNetTest | ForEach-Object { $counts.Add($_) }; $counts.Add((Invoke-PesterSuite)) }
        'Pester' { $counts.Add((Invoke-PesterSuite)) }
        'Package' { Invoke-Package }
    }
}
if ($counts.Count -gt 0 -and -not (Write-TestSummary -Counts $counts -Started $started)) {
    exit 1
}
# Explicit: otherwise the caller sees the exit code of the last native command (a failed test run
# already counted above, for example).
exit 0
