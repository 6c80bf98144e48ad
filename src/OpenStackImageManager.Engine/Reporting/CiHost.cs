namespace OpenStackImageManager.Engine.Reporting;

/// <summary>The CI systems whose job summary and annotations the module and the CLI write to.</summary>
public enum CiHost
{
    None,

    /// <summary>GitHub Actions: <c>GITHUB_ACTIONS=true</c>; the summary file is <c>GITHUB_STEP_SUMMARY</c>.</summary>
    GitHubActions,

    /// <summary>Azure Pipelines: <c>TF_BUILD=True</c>; summaries are uploaded with <c>##vso[task.uploadsummary]</c>.</summary>
    AzureDevOps,
}
