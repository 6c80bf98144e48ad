namespace OpenStackImageManager.Cli.Tests;

/// <summary>The standards on the command line without a cloud: check-scs usage, validate --standard.</summary>
public class CliStandardTests
{
    [Fact]
    public void Check_scs_with_an_unknown_standard_exits_2_and_names_the_option()
    {
        var (exit, _, error) = InProcessTool.Run("check-scs", "--standard", "scs-9999");

        Assert.Equal(2, exit);
        Assert.Contains("--standard", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_scs_without_a_reachable_cloud_exits_2()
    {
        var config = DefinitionYaml.WriteTemp("clouds: {}\n", "clouds.yaml");
        var previous = Environment.GetEnvironmentVariable("OS_CLIENT_CONFIG_FILE");
        Environment.SetEnvironmentVariable("OS_CLIENT_CONFIG_FILE", config);
        try
        {
            var (exit, output, error) = InProcessTool.Run("check-scs", "--cloud", "nowhere");

            Assert.Equal((2, ""), (exit, output));
            Assert.Contains("nowhere", error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OS_CLIENT_CONFIG_FILE", previous);
        }
    }

    [Fact]
    public void Validate_with_a_standard_reports_the_findings_of_the_catalog_at_their_keys()
    {
        // DefinitionYaml's images name no image_description-free problems but give os_version per version and no hw_rng_model.
        var path = DefinitionYaml.WriteTemp(DefinitionYaml.File(DefinitionYaml.Image("Testix", multi: false, ["1"])
            .Replace("hypervisor_type: qemu", "hypervisor_type: hyperv", StringComparison.Ordinal)));

        var plain = InProcessTool.Run("validate", path);
        var judged = InProcessTool.Run("validate", "--standard", "scs-0102", path);

        Assert.Equal((0, ""), (plain.ExitCode, plain.StandardOutput));
        Assert.Equal(0, judged.ExitCode);
        Assert.Equal($"{path}:15:24: warning: scs-0102-prop-hypervisor_type: image 'Testix 1': hypervisor_type 'hyperv' is not one of qemu, kvm, xen, hyper-v, esxi\n", judged.StandardOutput);
    }
}
