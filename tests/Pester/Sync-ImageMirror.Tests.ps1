#Requires -Version 7.6
# Sync-ImageMirror as users call it: parameters, -WhatIf, missing settings, and (with the local test
# cloud, OIM_TESTCLOUD=1) real transfers into its Swift S3 from file: URLs.

BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force

    . (Join-Path $PSScriptRoot 'ImageDefinitions.ps1')

    # A valid definition whose one version reads $Url; written to TestDrive and loaded with Get-ImageDefinition.
    function New-MirrorDefinition([string] $Name, [string] $Url, [string] $Checksum) {
        New-TestDefinition -Name $Name -ShortName 'pester-mirror' -Versions @(@{ Version = '1.0'; Url = $Url; Checksum = $Checksum })
    }

    $script:Upstream = Join-Path $TestDrive 'pester-image.raw'
    $bytes = [byte[]]::new(300000)
    [System.Random]::new(11).NextBytes($bytes)
    [System.IO.File]::WriteAllBytes($script:Upstream, $bytes)
    $script:Sha256 = 'sha256:' + (Get-FileHash -Algorithm SHA256 -Path $script:Upstream).Hash.ToLowerInvariant()
    # [uri]::new, not a [uri] cast: the cast parses RelativeOrAbsolute, so on Linux '/tmp/...' becomes a
    # relative Uri whose AbsoluteUri is nothing; the constructor makes it file:///tmp/... (C:\ works either way).
    $script:UpstreamUrl = [uri]::new($script:Upstream).AbsoluteUri
}

AfterAll {
    Remove-Module OpenStackImageManager -Force -ErrorAction SilentlyContinue
}

Describe 'Sync-ImageMirror surface' {
    It 'supports -WhatIf and -Confirm and declares MirrorResult' {
        $command = Get-Command Sync-ImageMirror
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
        $command.OutputType.Name | Should -Contain 'OpenStackImageManager.Models.MirrorResult'
    }

    It 'takes ImageDefinition objects from the pipeline' {
        $parameter = (Get-Command Sync-ImageMirror).Parameters['InputObject']
        $parameter.ParameterType | Should -Be ([OpenStackImageManager.Models.ImageDefinition[]])
        $parameter.Attributes.ValueFromPipeline | Should -Contain $true
    }
}

Describe 'Sync-ImageMirror without a store' {
    BeforeEach {
        $script:SavedEnv = @{}
        foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3', 'OIM_CONFIG') {
            $script:SavedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $null)
        }
        $env:OIM_CONFIG = Join-Path $TestDrive 'no-such-config.yaml'
    }

    AfterEach {
        foreach ($name in $script:SavedEnv.Keys) { [Environment]::SetEnvironmentVariable($name, $script:SavedEnv[$name]) }
    }

    It 'names what is missing when no credentials can be found' {
        $definition = New-MirrorDefinition -Name 'Pester NoCreds' -Url $UpstreamUrl
        { $definition | Sync-ImageMirror -Endpoint 'http://127.0.0.1:9' -Bucket b -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*-Credential*' -ErrorId 'MirrorTargetIncomplete*'
    }

    It 'reads and writes nothing with -WhatIf' {
        $secret = ConvertTo-SecureString 'whatif-secret' -AsPlainText -Force
        $credential = [pscredential]::new('key', $secret)
        $definition = New-MirrorDefinition -Name 'Pester WhatIf' -Url $UpstreamUrl
        # Port 9 (discard) has no S3: any request would fail with an error.
        $output = $definition | Sync-ImageMirror -Endpoint 'http://127.0.0.1:9' -Bucket b -Credential $credential -WhatIf -PassThru -ErrorVariable problems
        $output | Should -BeNullOrEmpty
        $problems | Should -BeNullOrEmpty
    }
}

Describe 'Sync-ImageMirror against the local S3 (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll {
        $script:Secret = ConvertTo-SecureString $env:OIM_S3_SECRET_KEY -AsPlainText -Force
        $script:Credential = [pscredential]::new($env:OIM_S3_ACCESS_KEY, $script:Secret)
        $script:Template = "pester-mirror/$([guid]::NewGuid().ToString('N'))/{shortname}/{version}-{name}{ext}"
        $script:Target = @{ Endpoint = $env:OIM_S3_ENDPOINT; Bucket = $env:OIM_S3_BUCKET; Credential = $script:Credential; KeyTemplate = $script:Template }
    }

    AfterAll {
        # The uploads went into the shared test bucket under a prefix of their own: delete them through
        # Swift's API on the same proxy (tempauth, where the S3 access key and secret are user and key).
        $prefix = $script:Template.Substring(0, $script:Template.IndexOf('{'))
        try {
            $auth = Invoke-WebRequest -Uri "$($env:OIM_S3_ENDPOINT.TrimEnd('/'))/auth/v1.0" -Headers @{
                'X-Auth-User' = $env:OIM_S3_ACCESS_KEY; 'X-Auth-Key' = $env:OIM_S3_SECRET_KEY }
            $headers = @{ 'X-Auth-Token' = [string]$auth.Headers['X-Auth-Token'] }
            $container = "$([string]$auth.Headers['X-Storage-Url'])/$($env:OIM_S3_BUCKET)"
            $objects = Invoke-RestMethod -Uri "${container}?format=json&prefix=$([uri]::EscapeDataString($prefix))" -Headers $headers
            # Only real names under our prefix: a DELETE of "$container/" would address the bucket itself.
            foreach ($name in @($objects | ForEach-Object { $_.name } | Where-Object { $_ -and $_.StartsWith($prefix) })) {
                Invoke-RestMethod -Method Delete -Uri "$container/$name" -Headers $headers | Out-Null
            }
        }
        catch {
            Write-Warning "Could not delete the test objects under '$prefix' in bucket $($env:OIM_S3_BUCKET): $_"
        }
    }

    It 'uploads a verified object, then skips it, then uploads it again with -Force' {
        $definition = New-MirrorDefinition -Name 'PesterUpload' -Url $UpstreamUrl -Checksum $Sha256

        $first = $definition | Sync-ImageMirror @Target -PassThru -ErrorAction Stop
        $first.Status | Should -Be 'Uploaded'
        $first.ChecksumVerified | Should -BeTrue
        $first.Bytes | Should -Be 300000
        $first | Should -BeOfType ([OpenStackImageManager.Models.MirrorResult])

        ($definition | Sync-ImageMirror @Target -PassThru -ErrorAction Stop).Status | Should -Be 'Skipped'
        ($definition | Sync-ImageMirror @Target -PassThru -Force -ErrorAction Stop).Status | Should -Be 'Uploaded'
    }

    It 'writes an InvalidData error with the object key as target on a checksum mismatch' {
        $wrong = 'sha256:' + ('0' * 64)
        $definition = New-MirrorDefinition -Name 'PesterMismatch' -Url $UpstreamUrl -Checksum $wrong

        $result = $definition | Sync-ImageMirror @Target -PassThru -ErrorVariable problems -ErrorAction SilentlyContinue

        $result.Status | Should -Be 'Failed'
        $problems | Should -HaveCount 1
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MirrorChecksumMismatch*'
        $problems[0].TargetObject | Should -Be $result.ObjectKey
    }

    It 'never shows the secret, also when the store refuses it' {
        $bad = [pscredential]::new($env:OIM_S3_ACCESS_KEY, (ConvertTo-SecureString 'pester-Wrong-Secret-9d1' -AsPlainText -Force))
        $definition = New-MirrorDefinition -Name 'PesterSecret' -Url $UpstreamUrl

        $everything = $definition | Sync-ImageMirror -Endpoint $env:OIM_S3_ENDPOINT -Bucket $env:OIM_S3_BUCKET -Credential $bad -KeyTemplate $Template -PassThru -Verbose -ErrorAction Continue *>&1 |
            Out-String -Width 4096  # wide: a table column cut at the console's width could hide a leaked secret

        $everything | Should -Match 'PermissionDenied|refused'
        $everything | Should -Not -Match 'pester-Wrong-Secret-9d1'
        $everything | Should -Not -Match ([regex]::Escape($env:OIM_S3_SECRET_KEY))
    }
}
