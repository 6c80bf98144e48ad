#Requires -Version 7.6
# The help a user gets: Get-Help for every exported cmdlet (compiled from en-US/*.md by the build) and the
# about topic, and every example on the help pages run against the local test cloud.

BeforeDiscovery {
    # Discovery-time data for -ForEach: the cmdlets and their examples, read from the laid-out module's help.
    $manifest = Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1
    $module = Import-Module $manifest -Force -PassThru
    $names = @($module.ExportedCmdlets.Keys | Sort-Object)
    $script:ExampleCases = @(foreach ($name in $names) {
            $number = 0
            foreach ($example in (Get-Help $name -Full).Examples.Example) {
                $number++
                $code = [string]$example.code
                # An example that shows '...' outside a comment has placeholders the reader fills in (a key,
                # a domain): it is shown, not run. Every other example must run as printed.
                $placeholders = ($code -split "`n" | ForEach-Object { $_ -replace '(^|\s)#.*$', '' }) -match '\.\.\.'
                @{
                    Cmdlet   = $name
                    Number   = $number
                    Title    = ([string]$example.title).Trim(' ', '-')
                    Code     = $code
                    Runnable = -not $placeholders
                }
            }
        })
    $script:CmdletCases = @($names | ForEach-Object {
            $cmdlet = $_
            @{ Name = $cmdlet; RunnableExamples = @($script:ExampleCases | Where-Object { $_.Cmdlet -eq $cmdlet -and $_.Runnable }).Count }
        })
    $script:RunnableByCmdlet = @($names | ForEach-Object {
            $cmdlet = $_
            @{ Name = $cmdlet; Examples = @($script:ExampleCases | Where-Object { $_.Cmdlet -eq $cmdlet -and $_.Runnable }) }
        })
}

BeforeAll {
    $script:Module = Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force -PassThru
    . (Join-Path $PSScriptRoot 'TestCloud.ps1')

    # The type name the help pages use for a parameter: the short name, without Nullable.
    function Get-HelpTypeName([type] $Type) {
        if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { return $Type.GetGenericArguments()[0].Name }
        $Type.Name
    }

    # What one parameter set of the cmdlet says about a parameter, in the words of Get-Help.
    function Get-DeclaredParameterFacts([System.Management.Automation.ParameterMetadata] $Parameter) {
        foreach ($set in $Parameter.ParameterSets.Values) {
            $pipeline = @()
            if ($set.ValueFromPipeline) { $pipeline += 'ByValue' }
            if ($set.ValueFromPipelineByPropertyName) { $pipeline += 'ByPropertyName' }
            [pscustomobject]@{
                Required = $set.IsMandatory.ToString().ToLowerInvariant()
                Position = if ($set.Position -ge 0) { "$($set.Position)" } else { 'named' }
                Pipeline = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
            }
        }
    }
}

AfterAll {
    Remove-Module OpenStackImageManager -Force -ErrorAction SilentlyContinue
}

Describe 'Get-Help <Name> -Full' -ForEach $script:CmdletCases {
    BeforeAll {
        $script:Help = Get-Help $Name -Full
        $script:Command = Get-Command $Name
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters
        # WhatIf and Confirm are optional common parameters: documented like the cmdlet's own.
        $script:Parameters = @($script:Command.Parameters.Values | Where-Object Name -notin $common)
        $script:HelpParameters = @($script:Help.parameters.parameter)
    }

    It 'has a synopsis, not the syntax PowerShell shows when there is no help' {
        $script:Help.Synopsis | Should -Not -BeNullOrEmpty
        $script:Help.Synopsis.StartsWith("$Name ") | Should -BeFalse -Because "the synopsis is '$($script:Help.Synopsis)'"
    }

    It 'has a description' {
        ($script:Help.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter, WhatIf and Confirm included' {
        foreach ($parameter in $script:Parameters) {
            $help = $script:HelpParameters | Where-Object name -eq $parameter.Name
            $help | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs help"
            ($help.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
        }
    }

    It 'documents only parameters the cmdlet has' {
        $script:HelpParameters.name | Where-Object { $_ -notin $script:Parameters.Name } | Should -BeNullOrEmpty
    }

    It 'states type, mandatory, position, pipeline input and wildcards as the cmdlet declares them' {
        foreach ($parameter in $script:Parameters) {
            $help = $script:HelpParameters | Where-Object name -eq $parameter.Name
            $help.type.name | Should -Be (Get-HelpTypeName $parameter.ParameterType) -Because "-$($parameter.Name) has that type"
            $stated = [pscustomobject]@{ Required = $help.required; Position = $help.position; Pipeline = $help.pipelineInput }
            $declared = @(Get-DeclaredParameterFacts $parameter | ForEach-Object { "$($_.Required)|$($_.Position)|$($_.Pipeline)" })
            "$($stated.Required)|$($stated.Position)|$($stated.Pipeline)" | Should -BeIn $declared -Because "-$($parameter.Name) is declared so"
            $wildcards = [bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            $help.globbing | Should -Be $wildcards.ToString().ToLowerInvariant() -Because "-$($parameter.Name) does or does not take wildcards"
        }
    }

    It 'shows one syntax per parameter set' {
        @($script:Help.syntax.syntaxItem).Count | Should -Be $script:Command.ParameterSets.Count
    }

    It 'has at least two examples that run as printed' {
        $RunnableExamples | Should -BeGreaterOrEqual 2
    }
}

Describe 'Get-Help about_OpenStackImageManager' {
    It 'finds the about topic' {
        $topic = Get-Help about_OpenStackImageManager
        $topic | Should -Not -BeNullOrEmpty
        $topic | Out-String | Should -Match 'SHORT DESCRIPTION'
    }
}

Describe 'The help examples against the local test cloud (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll {
        Use-TestCloudConfig
        $script:SavedEnvironment = @{}
        foreach ($variable in 'OS_CLIENT_CONFIG_FILE', 'OS_CLOUD', 'OIM_CONFIG', 'OIM_UPSTREAM_FILE_ROOTS') {
            $script:SavedEnvironment[$variable] = [Environment]::GetEnvironmentVariable($variable)
        }

        # Glance's own view of the project, so the cleanup neither depends on the cmdlets nor misses a hidden,
        # community or deactivated image.
        function Get-ProjectImageId {
            $user = $script:TestCloudUsers['oim-p3']
            $keystone = if ($env:OIM_KEYSTONE_URL) { $env:OIM_KEYSTONE_URL } else { 'http://127.0.0.1:5000/v3' }
            $glance = if ($env:OIM_GLANCE_URL) { $env:OIM_GLANCE_URL } else { 'http://127.0.0.1:9292' }
            $body = @{ auth = @{
                    identity = @{ methods = @('password'); password = @{ user = @{ name = $user.User; domain = @{ name = 'Default' }; password = $user.Password } } }
                    scope    = @{ project = @{ name = $user.Project; domain = @{ name = 'Default' } } }
                } } | ConvertTo-Json -Depth 10
            $response = Invoke-WebRequest -Method Post -Uri "$keystone/auth/tokens" -ContentType 'application/json' -Body $body
            $headers = @{ 'X-Auth-Token' = [string]$response.Headers['X-Subject-Token'] }
            $project = ($response.Content | ConvertFrom-Json).token.project.id
            foreach ($hidden in 'false', 'true') {
                (Invoke-RestMethod -Uri "$glance/v2/images?owner=$project&visibility=all&os_hidden=$hidden&limit=1000" -Headers $headers).images.id
            }
        }
        $script:ImagesBefore = @(Get-ProjectImageId)

        # The sandbox an operator would have: ./images with the catalog, image files next to it, a clouds.yaml
        # whose clouds 'prod' and 'lab' are project oim-p3 of the test cloud, and the S3 settings in a config file.
        $script:Sandbox = Join-Path $TestDrive 'sandbox'
        $images = New-Item -ItemType Directory -Force (Join-Path $script:Sandbox 'images')
        $files = New-Item -ItemType Directory -Force (Join-Path $script:Sandbox 'files')
        # The image files lie next to the catalog, not in it: the operator names their folder as a file root.
        $env:OIM_UPSTREAM_FILE_ROOTS = $files.FullName
        function New-ImageFile([string] $Name) {
            # Small, distinct raw images: each version has its own bytes and so its own checksum, the same in every
            # run (a string's GetHashCode is not): an image an earlier run left in the project then still matches
            # its version, whose changed checksum would otherwise be a Conflict that fails the sync.
            $path = Join-Path $files "$Name.raw"
            $bytes = [byte[]]::new(64KB)
            $seed = [BitConverter]::ToInt32([System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes($Name)), 0)
            [System.Random]::new($seed).NextBytes($bytes)
            [System.IO.File]::WriteAllBytes($path, $bytes)
            @{ Url = 'file://' + $path; Checksum = 'sha256:' + (Get-FileHash $path -Algorithm SHA256).Hash.ToLowerInvariant() }
        }
        # Latest is the upstream's moving pointer (latest_url) and its checksum manifest, at the real upstream
        # addresses: Find-ImageUpdate and Update-ImageDefinition are sent to the local upstream server below.
        function Get-DefinitionText([string] $Name, [string] $ShortName, [bool] $Multi, [string] $UuidValidity, [string[]] $Versions, [string[]] $Latest) {
            $lines = @("  - name: $Name", "    shortname: $ShortName", '    enable: true', '    format: raw', '    login: root',
                '    min_disk: 1', '    min_ram: 64', '    status: active', '    visibility: shared', "    multi: $($Multi.ToString().ToLowerInvariant())",
                '    meta:', '      architecture: x86_64', '      hw_disk_bus: scsi', '      hypervisor_type: qemu',
                "      os_distro: $($ShortName.Split('-')[0])", "      os_version: '$($ShortName.Split('-')[1])'", '      os_purpose: generic',
                '      replace_frequency: never', "      uuid_validity: $UuidValidity", '      provided_until: none', '    tags: []')
            if ($Latest) { $lines += @("    latest_checksum_url: $($Latest[1])", "    latest_url: $($Latest[0])") }
            $lines += '    versions:'
            foreach ($version in $Versions) {
                $file = New-ImageFile "$ShortName-$version"
                $lines += @("      - version: '$version'", "        url: $($file.Url)", "        checksum: `"$($file.Checksum)`"", '        build_date: 2025-01-01')
            }
            $lines
        }
        Set-Content (Join-Path $images 'ubuntu.yml') (@('---', 'images:') + (Get-DefinitionText 'Ubuntu 24.04' 'ubuntu-24.04' $true 'last-3' @('20250101', '20250201', '20250301') @(
                    'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img', 'https://cloud-images.ubuntu.com/noble/current/SHA256SUMS')))
        Set-Content (Join-Path $images 'debian.yml') (@('---', 'images:') +
            (Get-DefinitionText 'Debian 12' 'debian-12' $true 'none' @('20250110') @(
                'https://cdimage.debian.org/cdimage/cloud/bookworm/daily/latest/debian-12-genericcloud-amd64-daily.qcow2',
                'https://cdimage.debian.org/cdimage/cloud/bookworm/daily/latest/SHA512SUMS')) +
            (Get-DefinitionText 'Debian 11' 'debian-11' $true 'none' @('20240110')))
        # The shipped Garden Linux definition as it is (disabled, GitHub releases), for the release examples.
        $fixtures = Join-Path $PSScriptRoot '../OpenStackImageManager.Engine.Tests/Fixtures'
        Copy-Item (Join-Path $fixtures 'osism-images/images/gardenlinux.yml') $images
        # The catalog as written here; every example starts from it (Update-ImageDefinition writes into it).
        $script:CatalogCopy = Join-Path $TestDrive 'catalog'
        Copy-Item $images $script:CatalogCopy -Recurse

        # The upstreams (Ubuntu, Debian, GitHub releases, endoflife.date) are a local server with faithful copies
        # of their formats; the cmdlets that read them are sent there by default, so the examples name the real
        # sites. An offline copy of endoflife.date's data and an internal-mirror map lie in the sandbox too.
        . (Join-Path $PSScriptRoot 'UpstreamServer.ps1')
        $script:Upstream = Start-UpstreamServer
        $script:SavedDefaults = @{}
        $upstreamDefaults = @{
            'Find-ImageUpdate:UrlRewrite'         = $script:Upstream.Rewrite
            'Update-ImageDefinition:UrlRewrite'   = $script:Upstream.Rewrite
            'Test-ImageLifecycle:EndOfLifeSource' = "$($script:Upstream.Url)endoflife/"
        }
        foreach ($key in $upstreamDefaults.Keys) {
            if ($global:PSDefaultParameterValues.Contains($key)) { $script:SavedDefaults[$key] = $global:PSDefaultParameterValues[$key] }
            $global:PSDefaultParameterValues[$key] = $upstreamDefaults[$key]
        }
        Copy-Item (Join-Path $fixtures 'upstream/endoflife') (Join-Path $script:Sandbox 'endoflife') -Recurse
        Set-Content (Join-Path $script:Sandbox 'mirrors.psd1') "@{ 'https://cloud-images.ubuntu.com/' = '$($script:Upstream.Rewrite['https://cloud-images.ubuntu.com/'])' }"

        # clouds.yaml: the test cloud's oim-p3 entry, twice, under the names an operator would use.
        $testClouds = Get-Content $env:OS_CLIENT_CONFIG_FILE
        $start = [array]::IndexOf($testClouds, '  oim-p3:')
        if ($start -lt 0) { throw "The test cloud's clouds.yaml ($env:OS_CLIENT_CONFIG_FILE) has no cloud oim-p3." }
        $entry = @($testClouds[($start + 1)..($testClouds.Count - 1)] | ForEach-Object -Begin { $inside = $true } -Process {
                if ($inside -and ($_ -match '^\s{4}' -or $_ -eq '')) { $_ } else { $inside = $false }
            })
        $cloudsFile = Join-Path $script:Sandbox 'clouds.yaml'
        Set-Content $cloudsFile (@('clouds:', '  prod:') + $entry + @('  lab:') + $entry)

        $s3Endpoint = if ($env:OIM_S3_ENDPOINT) { $env:OIM_S3_ENDPOINT } else { 'http://127.0.0.1:8080' }
        $s3AccessKey = if ($env:OIM_S3_ACCESS_KEY) { $env:OIM_S3_ACCESS_KEY } else { 'test:tester' }
        $s3SecretKey = if ($env:OIM_S3_SECRET_KEY) { $env:OIM_S3_SECRET_KEY } else { 'testing' }
        $s3Bucket = if ($env:OIM_S3_BUCKET) { $env:OIM_S3_BUCKET } else { 'oim-test' }
        $configFile = Join-Path $script:Sandbox 'config.yaml'
        Set-Content $configFile @('s3:', "  endpoint: $s3Endpoint", "  bucket: $s3Bucket", "  access_key: '$s3AccessKey'", "  secret_key: '$s3SecretKey'")

        # The bucket through Swift's API on the same proxy (tempauth: the S3 access key and secret are user and
        # key), for the cleanup: the objects the examples mirror (the key layouts they use) that were not there.
        $script:MirrorPrefixes = 'openstack-images/', 'mirror/'
        $script:S3 = @{ Endpoint = $s3Endpoint; AccessKey = $s3AccessKey; SecretKey = $s3SecretKey; Bucket = $s3Bucket }
        function Connect-TestBucket {
            $auth = Invoke-WebRequest -Uri "$($script:S3.Endpoint.TrimEnd('/'))/auth/v1.0" -Headers @{ 'X-Auth-User' = $script:S3.AccessKey; 'X-Auth-Key' = $script:S3.SecretKey }
            @{ Headers = @{ 'X-Auth-Token' = [string]$auth.Headers['X-Auth-Token'] }; Container = "$([string]$auth.Headers['X-Storage-Url'])/$($script:S3.Bucket)" }
        }
        function Get-MirrorObjectName($Bucket) {
            foreach ($prefix in $script:MirrorPrefixes) {
                $objects = Invoke-RestMethod -Uri "$($Bucket.Container)?format=json&prefix=$([uri]::EscapeDataString($prefix))" -Headers $Bucket.Headers
                # Only real names under the prefix: a DELETE of "$container/" would address the bucket itself.
                @($objects | ForEach-Object { $_.name } | Where-Object { $_ -and $_.StartsWith($prefix) })
            }
        }
        $script:ObjectsBefore = @(Get-MirrorObjectName (Connect-TestBucket))

        $env:OS_CLIENT_CONFIG_FILE = $cloudsFile
        $env:OS_CLOUD = $null
        $env:OIM_CONFIG = $configFile
        Push-Location $script:Sandbox

        # Puts ./images back as written above (an example may have written new builds into it).
        function Restore-CatalogFile {
            Remove-Item (Join-Path $script:Sandbox 'images') -Recurse -Force
            Copy-Item $script:CatalogCopy (Join-Path $script:Sandbox 'images') -Recurse
        }

        # Puts ./images and project oim-p3 back into the state the catalog describes, so each cmdlet's examples
        # find the images they name whatever the previous examples changed or deleted.
        function Reset-Catalog {
            Restore-CatalogFile
            Get-ImageDefinition ./images | Sync-GlanceImage -Cloud prod -Confirm:$false -ErrorAction Stop | Out-Null
        }
    }

    AfterAll {
        Pop-Location
        foreach ($variable in $script:SavedEnvironment.Keys) {
            [Environment]::SetEnvironmentVariable($variable, $script:SavedEnvironment[$variable])
        }
        foreach ($key in 'Find-ImageUpdate:UrlRewrite', 'Update-ImageDefinition:UrlRewrite', 'Test-ImageLifecycle:EndOfLifeSource') {
            if ($script:SavedDefaults -and $script:SavedDefaults.ContainsKey($key)) { $global:PSDefaultParameterValues[$key] = $script:SavedDefaults[$key] }
            else { $global:PSDefaultParameterValues.Remove($key) }
        }
        Stop-UpstreamServer $script:Upstream
        # Every object the examples mirrored, also when they failed.
        if ($null -ne $script:ObjectsBefore) {
            try {
                $bucket = Connect-TestBucket
                foreach ($name in @(Get-MirrorObjectName $bucket | Where-Object { $_ -notin $script:ObjectsBefore })) {
                    Invoke-RestMethod -Method Delete -Uri "$($bucket.Container)/$name" -Headers $bucket.Headers | Out-Null
                }
            }
            catch {
                Write-Warning "Could not delete the objects the examples mirrored into the test bucket: $_"
            }
        }
        # Every image the examples made, also when they failed: whatever the project has now and had not before.
        if ($null -ne $script:ImagesBefore) {
            Get-ProjectImageId | Where-Object { $_ -notin $script:ImagesBefore } | Remove-TestImage -Cloud 'oim-p3'
        }
    }

    Context '<Name>' -ForEach $script:RunnableByCmdlet {
        BeforeAll {
            Reset-Catalog
        }

        BeforeEach {
            Restore-CatalogFile
        }

        It '<Title>' -ForEach $Examples {
            Set-Location $script:Sandbox
            $script = [scriptblock]::Create($Code)
            # Errors become records in the output; a terminating error fails the test by itself.
            $records = @(& $script 2>&1)
            $errors = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $errors | Should -BeNullOrEmpty -Because "the example must run as printed:`n$Code`n$($errors | Out-String)"
        }
    }
}
