# Helpers for the Pester tests that need the local test cloud (dot-source it; it is not a test file).
# Tests create and delete their images through the Glance API with the test cloud's own test-only
# credentials (tests/cloud/start.sh), so setup and cleanup do not depend on the cmdlets under test.

$script:TestRunId = [guid]::NewGuid().ToString('N').Substring(0, 8)
$script:TestCloudUsers = @{
    'oim-p1' = @{ User = 'oim-u1'; Password = 'u1-secret'; Project = 'oim-p1' }
    'oim-p2' = @{ User = 'oim-u2'; Password = 'u2-secret'; Project = 'oim-p2' }
    # The help pages' examples run here (Help.Tests.ps1).
    'oim-p3' = @{ User = 'oim-u3'; Password = 'u3-secret'; Project = 'oim-p3' }
}

function Use-TestCloudConfig {
    # Points OS_CLIENT_CONFIG_FILE at the test cloud's clouds.yaml unless it is set already
    # (env.sh sets it; OIM_TESTCLOUD_STATE moves the state directory, tests/cloud/README.md).
    if (-not $env:OS_CLIENT_CONFIG_FILE) {
        $state = if ($env:OIM_TESTCLOUD_STATE) { $env:OIM_TESTCLOUD_STATE } else { '/var/tmp/oim-testcloud' }
        $env:OS_CLIENT_CONFIG_FILE = Join-Path $state 'clouds.yaml'
    }
}

function Get-TestCloudToken([string] $Cloud) {
    $user = $script:TestCloudUsers[$Cloud]
    $keystone = if ($env:OIM_KEYSTONE_URL) { $env:OIM_KEYSTONE_URL } else { 'http://127.0.0.1:5000/v3' }
    $body = @{ auth = @{
            identity = @{ methods = @('password'); password = @{ user = @{ name = $user.User; domain = @{ name = 'Default' }; password = $user.Password } } }
            scope    = @{ project = @{ name = $user.Project; domain = @{ name = 'Default' } } }
        } } | ConvertTo-Json -Depth 10
    $response = Invoke-WebRequest -Method Post -Uri "$keystone/auth/tokens" -ContentType 'application/json' -Body $body
    return [string]$response.Headers['X-Subject-Token']
}

function New-TestImage {
    param([string] $Cloud = 'oim-p1', [string] $Purpose = 'pester', [hashtable] $Attributes = @{})
    $glance = if ($env:OIM_GLANCE_URL) { $env:OIM_GLANCE_URL } else { 'http://127.0.0.1:9292' }
    $body = @{ name = "oim-pester-$script:TestRunId-$Purpose-$([guid]::NewGuid().ToString('N').Substring(0, 6))"; disk_format = 'raw'; container_format = 'bare' }
    foreach ($key in $Attributes.Keys) { $body[$key] = $Attributes[$key] }
    $headers = @{ 'X-Auth-Token' = (Get-TestCloudToken $Cloud) }
    Invoke-RestMethod -Method Post -Uri "$glance/v2/images" -Headers $headers -ContentType 'application/json' -Body ($body | ConvertTo-Json -Depth 5)
}

function Remove-TestImage {
    param([string] $Cloud = 'oim-p1', [Parameter(ValueFromPipeline)] [string] $Id)
    process {
        $glance = if ($env:OIM_GLANCE_URL) { $env:OIM_GLANCE_URL } else { 'http://127.0.0.1:9292' }
        $headers = @{ 'X-Auth-Token' = (Get-TestCloudToken $Cloud) }
        $patch = '[{"op": "replace", "path": "/protected", "value": false}]'
        # -SkipHttpErrorCheck: an error status (e.g. 404, the test deleted the image itself) is a terminating
        # error of Invoke-RestMethod that -ErrorAction SilentlyContinue does not silence.
        Invoke-RestMethod -Method Patch -Uri "$glance/v2/images/$Id" -Headers $headers -ContentType 'application/openstack-images-v2.1-json-patch' -Body $patch -SkipHttpErrorCheck | Out-Null
        Invoke-RestMethod -Method Delete -Uri "$glance/v2/images/$Id" -Headers $headers -SkipHttpErrorCheck | Out-Null
    }
}

function Get-ParameterSetNames([string] $Command) {
    (Get-Command $Command).ParameterSets.Name | Sort-Object
}
