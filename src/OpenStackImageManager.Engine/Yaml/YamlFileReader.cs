using System.Text;

namespace OpenStackImageManager.Engine.Yaml;

/// <summary>
/// Turns a file into a YAML tree or one positioned fault: too large, not UTF-8, binary, or not
/// YAML. Checks size before reading and text before parsing, so hostile files stay cheap.
/// </summary>
internal static class YamlFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static YamlNode? Read(string path, YamlReadLimits limits, CancellationToken cancellationToken)
    {
        var length = new FileInfo(path).Length;
        if (length > limits.MaxFileBytes)
        {
            throw new YamlReadException(1, 1,
                $"file is {length:N0} bytes; {limits.FileKinds} are read up to {limits.MaxFileBytes:N0} bytes");
        }

        var bytes = File.ReadAllBytes(path);
        return ReadText(Decode(bytes), limits, cancellationToken);
    }

    /// <summary>The tree of text already in memory (a file about to be written, checked before it is).</summary>
    public static YamlNode? ReadText(string text, YamlReadLimits limits, CancellationToken cancellationToken)
    {
        RejectControlCharacters(text, limits);
        return YamlTreeReader.Read(text, limits, cancellationToken);
    }

    /// <summary>A definition file's text as the loader reads it (UTF-8, a BOM dropped), for a text-level edit.</summary>
    public static string ReadAllText(string path) => Decode(File.ReadAllBytes(path));

    /// <summary>
    /// A settings file (clouds.yaml, secure.yaml, the S3 settings) under <see cref="YamlReadLimits.Settings"/>;
    /// a fault becomes the caller's exception, made by <paramref name="fail"/> from a message that starts
    /// with file:line:column (or the file, when it cannot be read at all).
    /// </summary>
    public static YamlNode? ReadSettings(string path, Func<string, Exception, Exception> fail)
    {
        try
        {
            return Read(path, YamlReadLimits.Settings, CancellationToken.None);
        }
        catch (YamlReadException ex)
        {
            throw fail($"{path}:{ex.Line}:{ex.Column}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw fail($"{path} cannot be read: {ex.Message}", ex);
        }
    }

    private static string Decode(byte[] bytes)
    {
        var offset = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        try
        {
            return StrictUtf8.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException ex)
        {
            var bad = offset + Math.Max(ex.Index, 0);
            var (line, column) = PositionOfByte(bytes, offset, bad);
            return ThrowNotUtf8(line, column, bytes[Math.Min(bad, bytes.Length - 1)]);
        }
    }

    private static string ThrowNotUtf8(int line, int column, byte value) =>
        throw new YamlReadException(line, column,
            $"not UTF-8 text: byte 0x{value:X2} cannot start or continue a UTF-8 character; save the file as UTF-8");

    /// <summary>Line and column (in characters) of a byte offset, counting only the valid text before it.</summary>
    private static (int Line, int Column) PositionOfByte(byte[] bytes, int start, int offset)
    {
        var line = 1;
        var lineStart = start;
        for (var i = start; i < offset; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = StrictUtf8.GetCharCount(bytes, lineStart, offset - lineStart) + 1;
        return (line, column);
    }

    private static void RejectControlCharacters(string text, YamlReadLimits limits)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (char.IsControl(c) && c is not '\t' and not '\r' and not '\u0085')
            {
                throw new YamlReadException(line, i - lineStart + 1,
                    $"binary content: control character U+{(int)c:X4}; {limits.FileKind} is YAML text");
            }
        }
    }
}
