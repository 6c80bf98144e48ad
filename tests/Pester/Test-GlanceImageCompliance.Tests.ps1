BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force
    . (Join-Path $PSScriptRoot 'TestCloud.ps1')
}

Describe 'Test-GlanceImageCompliance (no cloud needed)' {
    It 'lists by default, judges piped images in the InputObject set, and writes ComplianceResult or a bool' {
        Get-ParameterSetNames Test-GlanceImageCompliance | Should -Be @('InputObject', 'List')
        $command = Get-Command Test-GlanceImageCompliance
        $command.DefaultParameterSet | Should -Be 'List'
        $command.OutputType.Type | Should -Contain ([OpenStackImageManager.Models.ComplianceResult])
        $command.OutputType.Type | Should -Contain ([bool])
    }

    It 'refuses a standard it does not know' {
        { Test-GlanceImageCompliance -Standard scs-9999 -Cloud none } | Should -Throw -ErrorId 'ParameterArgumentValidationError,OpenStackImageManager.Commands.TestGlanceImageComplianceCommand'
    }
}

Describe 'Test-GlanceImageCompliance against the local test cloud (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll {
        Use-TestCloudConfig
        $script:session = Connect-OpenStack -Cloud oim-p2 -PassThru
        $metadata = @{
            visibility = 'community'; min_disk = 1; min_ram = 512
            architecture = 'x86_64'; os_distro = 'cirros'; os_version = '0.6.3'; os_purpose = 'minimal'; hw_disk_bus = 'virtio'
            replace_frequency = 'never'; uuid_validity = 'none'; provided_until = 'none'
            image_source = 'https://download.cirros-cloud.net/0.6.3/cirros-0.6.3-x86_64-disk.img'
            image_description = 'https://github.com/cirros-dev/cirros'; image_build_date = '2024-09-26'; image_original_user = 'cirros'
        }
        $script:good = New-TestImage -Cloud oim-p2 -Purpose scs-good -Attributes $metadata
        $broken = $metadata.Clone()
        $broken.Remove('os_purpose')
        $script:bad = New-TestImage -Cloud oim-p2 -Purpose scs-bad -Attributes $broken
    }

    AfterAll {
        $script:good.id, $script:bad.id | Remove-TestImage -Cloud oim-p2
    }

    It 'finds the missing os_purpose of a piped image and nothing mandatory on the complete one' {
        $results = Get-GlanceImage -Id $script:good.id, $script:bad.id -Session $script:session | Test-GlanceImageCompliance
        $errors = @($results | Where-Object Severity -eq 'Error')
        $errors.Count | Should -Be 1
        $errors[0].Check | Should -Be 'scs-0102-prop-os_purpose'
        $errors[0].ImageId | Should -Be $script:bad.id
        ($results | Out-String -Width 120) | Should -Match 'scs-0102-prop-os_purpose'
        Get-GlanceImage -Id $script:good.id -Session $script:session | Test-GlanceImageCompliance -Quiet | Should -BeTrue
    }

    It 'lists the project''s community images itself, as a member sees them' {
        $results = Test-GlanceImageCompliance -Session $script:session
        $results | Where-Object ImageId -eq $script:bad.id | Select-Object -ExpandProperty Check | Should -Contain 'scs-0102-prop-os_purpose'
        Test-GlanceImageCompliance -Session $script:session -Quiet | Should -BeFalse
    }
}
