BeforeAll {
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot '../../out/OpenStackImageManager/*/OpenStackImageManager.psd1') | Select-Object -Last 1) -Force
    . (Join-Path $PSScriptRoot 'TestCloud.ps1')
}

Describe 'Set-GlanceImage (no cloud needed)' {
    It 'has InputObject (default, from the pipeline), Id and Name sets' {
        Get-ParameterSetNames Set-GlanceImage | Should -Be @('Id', 'InputObject', 'Name')
        $command = Get-Command Set-GlanceImage
        $command.DefaultParameterSet | Should -Be 'InputObject'
        $command.Parameters['InputObject'].Attributes.Where({ $_ -is [Parameter] })[0].ValueFromPipeline | Should -BeTrue
        $command.Parameters['Id'].Attributes.Where({ $_ -is [Parameter] })[0].ValueFromPipelineByPropertyName | Should -BeTrue
        $command.Parameters['Status'].Attributes.Where({ $_ -is [ValidateSet] })[0].ValidValues | Should -Be @('Active', 'Deactivated')
    }
}

Describe 'Set-GlanceImage against the local test cloud (needs the local test cloud: bash tests/cloud/start.sh)' -Skip:(-not $env:OIM_TESTCLOUD) {
    BeforeAll {
        Use-TestCloudConfig
        $script:session = Connect-OpenStack -Cloud oim-p1 -PassThru
        $script:image = New-TestImage -Purpose set -Attributes @{ os_distro = 'debian'; obsolete = 'x'; tags = @('old', 'keep') }
    }

    AfterAll {
        $script:image.id | Remove-TestImage
    }

    It 'changes nothing with -WhatIf' {
        $before = Get-GlanceImage -Id $script:image.id -Session $script:session
        $before | Set-GlanceImage -NewName 'never' -Property @{ os_distro = 'none' } -MinDisk 9 -Session $script:session -WhatIf
        $after = Get-GlanceImage -Id $script:image.id -Session $script:session
        $after.Name | Should -Be $before.Name
        $after.Properties['os_distro'] | Should -Be 'debian'
        $after.MinDisk | Should -Be 0
    }

    It 'adds, replaces and removes properties and tags from pipeline input and passes the result on' {
        $updated = Get-GlanceImage -Id $script:image.id -Session $script:session |
            Set-GlanceImage -Property @{ os_distro = 'ubuntu'; hw_rng_model = 'virtio'; hw_qemu_guest_agent = $true } -RemoveProperty obsolete -Tag new -RemoveTag old -MinRam 512 -Hidden -Session $script:session -PassThru -Confirm:$false
        $updated.Properties['os_distro'] | Should -Be 'ubuntu'
        $updated.Properties['hw_qemu_guest_agent'] | Should -Be 'true'
        $updated.Properties.ContainsKey('obsolete') | Should -BeFalse
        $updated.Tags | Sort-Object | Should -Be @('keep', 'new')
        $updated.MinRam | Should -Be 512
        $updated.Hidden | Should -BeTrue
        (Get-GlanceImage -Id $script:image.id -Session $script:session).Properties['hw_rng_model'] | Should -Be 'virtio'
    }

    It 'refuses to deactivate an image that is not active' {
        $err = $null
        Set-GlanceImage -Id $script:image.id -Status Deactivated -Session $script:session -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Message | Should -BeLike '*queued*'
    }

    It 'refuses a core attribute given as a property' {
        $err = $null
        Set-GlanceImage -Id $script:image.id -Property @{ min_disk = 3 } -Session $script:session -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].TargetObject.Id | Should -Be $script:image.id
    }

    It 'turns an exceeded tag quota (413) into a QuotaExceeded error' {
        $err = $null
        Set-GlanceImage -Id $script:image.id -Tag (1..130 | ForEach-Object { "t$_" }) -Session $script:session -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be 'QuotaExceeded'
        $err[0].Exception.Message | Should -BeLike '*413*quota exceeded*Maximum: 128*'
    }
}
