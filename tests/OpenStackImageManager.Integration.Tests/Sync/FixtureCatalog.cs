using System.Text.RegularExpressions;

namespace OpenStackImageManager.Integration.Tests.Sync;

/// <summary>
/// The Python tool's catalog (tests/OpenStackImageManager.Engine.Tests/Fixtures/osism-images) rewritten
/// for the local cloud: names get the test's prefix, every url points at a small generated image on
/// the local server (compressed like the original when its URL says so), every mirror_url at an
/// object the server does not have (so the fallback runs), and every checksum is the real one.
/// </summary>
internal static partial class FixtureCatalog
{
    public static string Source => Path.Combine(SyncCloud.RepoRoot, "tests", "OpenStackImageManager.Engine.Tests", "Fixtures", "osism-images", "images");

    public static string Rewrite(SyncCloud cloud, string prefix)
    {
        var target = Path.Combine(cloud.Work, "catalog");
        Directory.CreateDirectory(target);
        var n = 0;
        foreach (var file in Directory.GetFiles(Source, "*.yml"))
        {
            var lines = Folded().Replace(File.ReadAllText(file), "$1$2: ").Split('\n');
            // The checksum may stand before the url in a version entry: generate each entry's file first.
            var format = "qcow2";
            var block = -1;
            var served = new Dictionary<int, string>();
            var blockOf = new int[lines.Length];
            for (var i = 0; i < lines.Length; i++)
            {
                if (Format().Match(lines[i]) is { Success: true } f)
                {
                    format = f.Groups[1].Value.Trim();
                }

                if (lines[i].TrimStart().StartsWith("- version:", StringComparison.Ordinal))
                {
                    block = i;
                }

                blockOf[i] = block;
                if (Key().Match(lines[i]) is { Success: true } key && key.Groups[2].Value == "url")
                {
                    var original = key.Groups[3].Value.Trim();
                    var suffix = new[] { "bz2", "xz", "gz", "zst" }.FirstOrDefault(s => original.EndsWith("." + s, StringComparison.Ordinal));
                    var image = TestImages.CreateFile(Path.Combine(cloud.Work, "files"), $"image-{++n}.{format}", format, 1);
                    served[block] = suffix is null ? image : TestImages.Compress(image, suffix);
                }
            }

            for (var i = 0; i < lines.Length; i++)
            {
                if (ImageName().Match(lines[i]) is { Success: true } name)
                {
                    lines[i] = $"{name.Groups[1].Value}- name: {prefix}{name.Groups[2].Value}";
                }
                else if (Key().Match(lines[i]) is { Success: true } key && served.TryGetValue(blockOf[i], out var path))
                {
                    var indent = key.Groups[1].Value;
                    lines[i] = key.Groups[2].Value switch
                    {
                        "url" => $"{indent}url: {cloud.Server.Url("files/" + Path.GetFileName(path))}",
                        "mirror_url" => $"{indent}mirror_url: {cloud.Server.Url("mirror/" + Path.GetFileName(path))}",
                        _ => $"{indent}checksum: \"sha256:{TestImages.Sha256(path)}\"",
                    };
                }
            }

            File.WriteAllText(Path.Combine(target, Path.GetFileName(file)), string.Join('\n', lines));
        }

        return target;
    }

    [GeneratedRegex(@"(?m)^([ ]+)(url|mirror_url|checksum|latest_url|latest_checksum_url|checksums_url|checksum_url):[ ]*\r?\n[ ]+")]
    private static partial Regex Folded();

    [GeneratedRegex(@"^([ ]*)- name: (.*)$")]
    private static partial Regex ImageName();

    [GeneratedRegex(@"^[ ]+format: (\S+)")]
    private static partial Regex Format();

    [GeneratedRegex(@"^([ ]+)(url|mirror_url|checksum): (.*)$")]
    private static partial Regex Key();
}
