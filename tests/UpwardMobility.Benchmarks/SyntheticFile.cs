namespace UpwardMobility.Benchmarks;

/// <summary>Makes a file N times the size of a real one by repeating its rows as N synthetic subgroups.</summary>
internal static class SyntheticFile
{
    public static async Task WriteAsync(string source, string target, int copies)
    {
        var lines = await File.ReadAllLinesAsync(source);
        await using var writer = new StreamWriter(target);
        await writer.WriteLineAsync(lines[0].TrimEnd('\r') + ",subgroup_type,subgroup");
        for (var copy = 1; copy <= copies; copy++)
        {
            for (var i = 1; i < lines.Length; i++)
            {
                await writer.WriteLineAsync($"{lines[i].TrimEnd('\r')},synthetic,copy {copy}");
            }
        }
    }
}
