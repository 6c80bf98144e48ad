#Requires -Version 7.6
# The README's first command, end to end on the local test cloud (OIM_TESTCLOUD=1): bash examples/demo/run.sh
# must exit 0 and leave in project oim-demo what a user would see — the sample catalog imported and
# active with its properties, and the rotation of the second run (the older version renamed, community).
# The project is read straight from Glance, not through the tool the demo shows.

BeforeAll {
    $script:DemoScript = Join-Path $PSScriptRoot '../../examples/demo/run.sh' | Resolve-Path

    # A token and the project id of the demo user (the test cloud's contract, tests/cloud/README.md).
    function Connect-DemoProject {
        $keystone = if ($env:OIM_KEYSTONE_URL) { $env:OIM_KEYSTONE_URL } else { 'http://127.0.0.1:5000/v3' }
        $body = @{ auth = @{
                identity = @{ methods = @('password'); password = @{ user = @{ name = 'oim-demo'; domain = @{ name = 'Default' }; password = 'demo-secret' } } }
                scope    = @{ project = @{ name = 'oim-demo'; domain = @{ name = 'Default' } } }
            } } | ConvertTo-Json -Depth 10
        $response = Invoke-WebRequest -Method Post -Uri "$keystone/auth/tokens" -ContentType 'application/json' -Body $body -NoProxy
        [pscustomobject]@{
            Token   = [string]$response.Headers['X-Subject-Token']
            Project = ($response.Content | ConvertFrom-Json).token.project.id
        }
    }

    # Every image project oim-demo owns, os_hidden ones included.
    function Get-DemoImage {
        $glance = if ($env:OIM_GLANCE_URL) { $env:OIM_GLANCE_URL } else { 'http://127.0.0.1:9292' }
        $demo = Connect-DemoProject
        $headers = @{ 'X-Auth-Token' = $demo.Token }
        foreach ($hidden in 'false', 'true') {
            (Invoke-RestMethod -Uri "$glance/v2/images?owner=$($demo.Project)&os_hidden=$hidden&limit=100" -Headers $headers -NoProxy).images
        }
    }
}

Describe 'The README demo against the local test cloud (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll {
        $script:Output = & bash $script:DemoScript 2>&1 | ForEach-Object { "$_" }
        $script:ExitCode = $LASTEXITCODE
        $script:Images = @(Get-DemoImage)
        $script:ByName = @{}
        foreach ($image in $script:Images) { $script:ByName[$image.name] = $image }
    }

    It 'exits 0' {
        $script:ExitCode | Should -Be 0 -Because ($script:Output | Select-Object -Last 20 | Out-String)
    }

    It 'prints a headline for each step' {
        $headlines = @($script:Output | Where-Object { $_ -match '^=== \d+\. ' })
        $headlines.Count | Should -BeGreaterOrEqual 8
        $script:Output | Should -Contain '=== 5. Run the main job: import the catalog and set its properties'
    }

    It 'leaves exactly the three images of the catalog and its newer version, all active' {
        # Besides them only the catalog lease's image (data-less, hidden), released by the last run.
        $catalog = @($script:Images | Where-Object { -not ($_.tags -like 'oim_lease:*') })
        ($catalog.name | Sort-Object) | Should -Be @('Demo Linux', 'Demo Linux (1.0)', 'Demo Rescue 2024.1')
        $catalog.status | Sort-Object -Unique | Should -Be 'active'
        @($script:Images | Where-Object { $_.tags -like 'oim_lease:*' }).oim_lease_released | Should -Be 'true'
    }

    It 'sets the properties and tags the catalog declares' {
        $linux = $script:ByName['Demo Linux']
        $linux.internal_version | Should -Be '1.1'
        $linux.image_build_date | Should -Be '2026-02-15'
        $linux.os_distro | Should -Be 'cirros'
        $linux.hw_scsi_model | Should -Be 'virtio-scsi'
        $linux.image_original_user | Should -Be 'demo'
        $linux.tags | Should -Contain 'managed_by_osism'
        $linux.tags | Should -Contain 'demo'
        $linux.visibility | Should -Be 'private'
        $rescue = $script:ByName['Demo Rescue 2024.1']
        $rescue.internal_version | Should -Be '2024.1'
        $rescue.min_ram | Should -Be 64
    }

    It 'streams the version with a checksum through the tool (glance-direct), which verifies it before the import' {
        $script:ByName['Demo Linux (1.0)'].upstream_checksum | Should -Match '^[0-9a-f]{64}$'
        $script:Output | Where-Object { $_ -match "Create image 'Demo Linux' .*demo-linux-1\.0\.qcow2 by glance-direct" } | Should -Not -BeNullOrEmpty
    }

    It 'rotated the older version: renamed, community beyond the keep window of one, marked retired' {
        $older = $script:ByName['Demo Linux (1.0)']
        $older.internal_version | Should -Be '1.0'
        $older.visibility | Should -Be 'community'
        $older.oim_retired | Should -Be 'true'
        $script:Output | Where-Object { $_ -match "Succeeded: Rename image 'Demo Linux' .* to 'Demo Linux \(1\.0\)'" } | Should -Not -BeNullOrEmpty
    }

    It 'ends with a run that has nothing left to do' {
        $script:Output | Where-Object { $_ -match '\| 0 change\(s\): 0 done, 0 failed\.' } | Should -Not -BeNullOrEmpty
    }
}
