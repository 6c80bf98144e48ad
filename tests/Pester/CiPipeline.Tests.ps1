# The sample pipelines of docs/ci run as the CI systems would run their plan step: the step's own commands,
# with the CI system's variables, against the local test cloud. The plan must land in the job summary as
# Markdown, an error must become an annotation, and the password must appear in neither.
BeforeAll {
    $script:ModuleManifest = Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1
    Import-Module $script:ModuleManifest -Force
    . (Join-Path $PSScriptRoot 'TestCloud.ps1')
    $script:Docs = Join-Path $PSScriptRoot '../../docs/ci'

    # The script of the step called Plan: GitHub's 'run: |' under '- name: Plan', Azure's '- pwsh: |' before 'displayName: Plan'.
    function Get-PlanStep([string] $File) {
        $text = Get-Content -Raw $File
        $match = if ($File -like '*github*') {
            [regex]::Match($text, '(?m)^\s+- name: Plan\r?\n[\s\S]*?^\s+run: \|\r?\n(?<body>(?:^ {10}.*\r?\n)+)')
        }
        else {
            [regex]::Match($text, '(?m)^ {2}- pwsh: \|\r?\n(?<body>(?:^ {6}.*\r?\n)+) {4}displayName: Plan\r?\n')
        }
        if (-not $match.Success) { throw "No plan step in $File." }
        ($match.Groups['body'].Value -split "`r?`n" | ForEach-Object { $_.Trim() } | Where-Object { $_ }) -join "`n"
    }
}

Describe 'The sample pipelines (no cloud needed)' {
    It 'has a plan and an apply step in <_>' -ForEach 'github-actions.yml', 'azure-pipelines.yml' {
        $text = Get-Content -Raw (Join-Path $script:Docs $_)
        $text | Should -Match 'Compare-GlanceImage'
        $text | Should -Match 'Sync-GlanceImage'
        $text | Should -Match 'Install-PSResource OpenStackImageManager'
        $text | Should -Match '-Task Build, Package'
        { [scriptblock]::Create((Get-PlanStep (Join-Path $script:Docs $_))) } | Should -Not -Throw
    }
}

Describe 'The sample pipelines'' plan step against the local test cloud (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll {
        Use-TestCloudConfig
        $script:Saved = @{}
        foreach ($name in 'OS_CLIENT_CONFIG_FILE', 'OS_CLOUD', 'OIM_CLOUD', 'OIM_USER', 'OIM_PASSWORD', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'TF_BUILD', 'AGENT_TEMPDIRECTORY', 'PSModulePath') {
            $script:Saved[$name] = [Environment]::GetEnvironmentVariable($name)
        }

        # The catalog repository as the pipeline checks it out: ./images and a clouds.yaml without a password.
        $script:Checkout = (New-Item -ItemType Directory -Force (Join-Path $TestDrive 'catalog')).FullName
        $images = New-Item -ItemType Directory -Force (Join-Path $script:Checkout 'images')
        $script:Prefix = "oim-pester-$script:TestRunId-ci"
        $lines = @('---', 'images:')
        foreach ($n in 1..2) {
            $lines += @("  - name: $script:Prefix $n", '    enable: true', '    format: raw', '    login: root', '    min_disk: 1', '    min_ram: 64',
                '    status: active', '    visibility: private', '    multi: true', '    meta:', '      architecture: x86_64', '      hw_disk_bus: scsi',
                '      hypervisor_type: qemu', '      os_distro: debian', '      os_purpose: generic', '      replace_frequency: never',
                '      uuid_validity: last-3', '      provided_until: none', '    tags: []', '    versions:', "      - version: '1.0'",
                "        url: https://images.example.org/ci/$n/disk-$n.raw", "        checksum: `"sha256:$('cd' * 32)`"", '        build_date: 2025-01-01')
        }
        Set-Content (Join-Path $images 'catalog.yml') $lines
        $testClouds = Get-Content $env:OS_CLIENT_CONFIG_FILE
        $start = [array]::IndexOf($testClouds, '  oim-p3:')
        $entry = @($testClouds[($start + 1)..($testClouds.Count - 1)] | ForEach-Object -Begin { $inside = $true } -Process {
                if ($inside -and ($_ -match '^\s{4}' -or $_ -eq '')) { $_ } else { $inside = $false }
            })
        $script:CloudsFile = Join-Path $script:Checkout 'clouds.yaml'
        Set-Content $script:CloudsFile (@('clouds:', '  images-ci:') + ($entry | Where-Object { $_ -notmatch 'password:\s' }))
        $script:ModulePath = Split-Path (Split-Path (Split-Path $script:ModuleManifest))

        # Runs a step's commands as the CI system would: its variables set, in the checkout; returns what it printed.
        function Invoke-Step([string] $Code, [hashtable] $Environment) {
            foreach ($name in $script:Saved.Keys) { if ($name -ne 'PSModulePath') { [Environment]::SetEnvironmentVariable($name, $null) } }
            $env:PSModulePath = $script:ModulePath + [IO.Path]::PathSeparator + $script:Saved['PSModulePath']
            $env:OS_CLIENT_CONFIG_FILE = $script:CloudsFile
            $env:OIM_CLOUD = 'images-ci'
            $env:OIM_USER = 'oim-u3'
            foreach ($name in $Environment.Keys) { [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
            Push-Location $script:Checkout
            try {
                $printed = [System.Collections.Generic.List[string]]::new()
                try { & ([scriptblock]::Create($Code)) *>&1 | ForEach-Object { $printed.Add(($_ | Out-String -Width 120).TrimEnd()) } }
                catch { $printed.Add("terminated: $($_.Exception.Message)") }
                $printed -join "`n"
            }
            finally { Pop-Location }
        }
    }

    AfterAll {
        foreach ($name in $script:Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $script:Saved[$name]) }
        Import-Module $script:ModuleManifest -Force
    }

    Context 'GitHub Actions' {
        BeforeAll { $script:Step = Get-PlanStep (Join-Path $script:Docs 'github-actions.yml') }

        It 'appends the plan as Markdown to the file GITHUB_STEP_SUMMARY names' {
            $summary = Join-Path $TestDrive 'github-summary.md'
            Set-Content $summary '## Earlier step'
            $printed = Invoke-Step $script:Step @{ GITHUB_ACTIONS = 'true'; GITHUB_STEP_SUMMARY = $summary; OIM_PASSWORD = 'u3-secret' }
            $printed | Should -Not -Match 'terminated:'
            $markdown = Get-Content -Raw $summary
            $markdown | Should -Match '^## Earlier step'
            $markdown | Should -Match '### Image plan for images-ci'
            $markdown | Should -Match ([regex]::Escape('**2 to create, 0 to change, 0 to hide, 0 to delete**'))
            $markdown | Should -Match ([regex]::Escape('| | Kind | Image | Change |'))
            $markdown | Should -Match ([regex]::Escape("| ``+`` | Create | $script:Prefix 1 |"))
            $markdown | Should -Match ([regex]::Escape('https://images.example.org/ci/1/disk-1.raw'))
            $printed | Should -Match ([regex]::Escape('Plan for images-ci: 2 to create'))
            $markdown + $printed | Should -Not -Match 'u3-secret'
        }

        It 'turns an authentication failure into an error annotation without the password' {
            $summary = Join-Path $TestDrive 'github-failed.md'
            $printed = Invoke-Step $script:Step @{ GITHUB_ACTIONS = 'true'; GITHUB_STEP_SUMMARY = $summary; OIM_PASSWORD = 'not-the-password' }
            $printed | Should -Match ([regex]::Escape('::error title=Connect-OpenStack%3A AuthenticationError::'))
            $printed | Should -Match 'terminated:'
            $printed | Should -Not -Match 'not-the-password'
            Test-Path $summary | Should -BeFalse
        }
    }

    Context 'Azure Pipelines' {
        BeforeAll { $script:Step = Get-PlanStep (Join-Path $script:Docs 'azure-pipelines.yml') }

        It 'uploads the plan as a Markdown summary with ##vso[task.uploadsummary]' {
            $agentTemp = (New-Item -ItemType Directory -Force (Join-Path $TestDrive 'agent-temp')).FullName
            $printed = Invoke-Step $script:Step @{ TF_BUILD = 'True'; AGENT_TEMPDIRECTORY = $agentTemp; OIM_PASSWORD = 'u3-secret' }
            $upload = [regex]::Match($printed, '(?m)^##vso\[task\.uploadsummary\](?<file>.+)$')
            $upload.Success | Should -BeTrue -Because $printed
            $file = $upload.Groups['file'].Value.Trim()
            $file | Should -BeLike "$agentTemp*"
            $markdown = Get-Content -Raw $file
            $markdown | Should -Match ([regex]::Escape('**2 to create, 0 to change, 0 to hide, 0 to delete**'))
            $markdown + $printed | Should -Not -Match 'u3-secret'
        }

        It 'turns an authentication failure into a logissue line' {
            $printed = Invoke-Step $script:Step @{ TF_BUILD = 'True'; AGENT_TEMPDIRECTORY = $TestDrive; OIM_PASSWORD = 'not-the-password' }
            $printed | Should -Match ([regex]::Escape('##vso[task.logissue type=error]Connect-OpenStack: AuthenticationError: '))
            $printed | Should -Not -Match 'not-the-password'
        }
    }
}
