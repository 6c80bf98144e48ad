#
# Module manifest for OpenStackImageManager.
# ModuleVersion is a placeholder here: the build (dotnet publish) writes the version of
# Directory.Build.props into the laid-out copy under out/OpenStackImageManager/<version>/.
#
@{
    RootModule           = 'OpenStackImageManager.dll'
    ModuleVersion = '0.0.0'
    GUID                 = '5b0f1f8e-3c64-4b5e-9a8e-2f3d7c1a9e41'
    Author               = 'OpenStackImageManager contributors'
    CompanyName          = 'OpenStackImageManager'
    Copyright            = '(c) OpenStackImageManager contributors. Apache-2.0.'
    Description          = 'Keeps the image catalog of OpenStack clouds (Glance) in the state that YAML image definitions describe: imports with verified checksums, properties, rotation, sharing and S3 mirroring.'
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('OpenStackImageManager.Format.ps1xml')
    CmdletsToExport      = @(
        # OpenStack access
        'Connect-OpenStack', 'Disconnect-OpenStack',
        'Get-GlanceImage', 'Set-GlanceImage', 'Remove-GlanceImage',
        'Grant-GlanceImageAccess', 'Revoke-GlanceImageAccess',
        # Image definitions
        'Get-ImageDefinition', 'Test-ImageDefinition', 'ConvertTo-ImageTable',
        # Plan and apply
        'Compare-GlanceImage', 'Sync-GlanceImage',
        # Rotation and cleanup
        'Invoke-ImageRotation',
        # S3 mirror
        'Sync-ImageMirror',
        # Standards
        'Test-GlanceImageCompliance',
        # Keeping the catalog current
        'Find-ImageUpdate', 'Update-ImageDefinition', 'Test-ImageLifecycle'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('OpenStack', 'Glance', 'Images', 'Cloud', 'IaC', 'Linux', 'Windows', 'PSEdition_Core')
            ProjectUri   = 'https://github.com/osism/openstack-image-manager-powershell'
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ReleaseNotes = 'See CHANGELOG.md in the project repository.'
        }
    }
}
