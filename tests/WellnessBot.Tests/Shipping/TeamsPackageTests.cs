using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using WellnessBot.Testing;

namespace WellnessBot.Tests.Shipping;

/// <summary>
/// The Teams app package as ./package-teams.sh builds it: the manifest validated against Microsoft's published
/// schema for its version (by the script, with ajv, offline), the placeholders filled, and the icons of the right
/// size, the outline white on transparent.
/// </summary>
public sealed class TeamsPackageTests : IDisposable
{
    private const string BotId = "11111111-aaaa-4bbb-8ccc-000000000001";
    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-teams-pkg-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private async Task<(int Exit, string Output)> PackageAsync(string zip, params (string, string)[] env)
    {
        var start = new ProcessStartInfo("node", [Path.Combine(RepoPaths.Root, "scripts", "teams-package.mjs"), zip])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root,
        };
        foreach (var (key, value) in env) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    [Fact]
    public async Task ThePackageHoldsAValidManifestWithTheAppIdFilledInAndBothIcons()
    {
        var zip = Path.Combine(_folder, "teams.zip");
        var (exit, output) = await PackageAsync(zip, ("BOT_ID", BotId), ("BOT_DOMAIN", "wellnessbot.example.org"));
        Assert.True(exit == 0, output);
        Assert.Contains("manifest v1.30 valid", output, StringComparison.Ordinal);

        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        var manifestText = new StreamReader(archive.GetEntry("manifest.json")!.Open()).ReadToEnd();
        Assert.DoesNotContain("${{", manifestText, StringComparison.Ordinal);
        var manifest = JsonNode.Parse(manifestText)!;
        Assert.Equal(BotId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal(["personal", "team", "groupChat"], manifest["bots"]![0]!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["wellnessbot.example.org"], manifest["validDomains"]!.AsArray().Select(s => s!.GetValue<string>()));
        var commands = manifest["bots"]![0]!["commandLists"]!.AsArray().SelectMany(l => l!["commands"]!.AsArray()).Select(c => c!["title"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "kudos", "support", "resources", "help", "digest preview" }, commands);

        var color = Png.Read(archive.GetEntry("color.png")!.Open());
        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.All(Enumerable.Range(0, color.Width * color.Height), i => Assert.Equal(255, color.Rgba[i * 4 + 3])); // opaque colour icon

        var outline = Png.Read(archive.GetEntry("outline.png")!.Open());
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        var alphas = Enumerable.Range(0, outline.Width * outline.Height).Select(i => (A: outline.Rgba[i * 4 + 3], R: outline.Rgba[i * 4], G: outline.Rgba[i * 4 + 1], B: outline.Rgba[i * 4 + 2])).ToList();
        Assert.Contains(alphas, p => p.A == 0);       // transparent background
        Assert.Contains(alphas, p => p.A == 255);     // a visible shape
        Assert.All(alphas.Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B))); // white, as Teams requires
    }

    [Fact]
    public async Task AManifestTheSchemaRejectsStopsTheBuildNamingTheField()
    {
        var (exit, output) = await PackageAsync(Path.Combine(_folder, "bad.zip"), ("BOT_ID", "not-a-guid"), ("BOT_DOMAIN", "wellnessbot.example.org"));
        Assert.Equal(1, exit);
        Assert.Contains("/bots/0/botId", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "bad.zip")));
    }

    [Fact]
    public async Task MissingSettingsAreNamed()
    {
        var (exit, output) = await PackageAsync(Path.Combine(_folder, "none.zip"), ("BOT_ID", BotId), ("BOT_DOMAIN", ""));
        Assert.Equal(2, exit);
        Assert.Contains("BOT_DOMAIN", output, StringComparison.Ordinal);
    }

    /// <summary>Just enough PNG decoding for the test: 8-bit RGBA, any filter.</summary>
    private sealed record Png(int Width, int Height, byte[] Rgba)
    {
        public static Png Read(Stream stream)
        {
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var data = memory.ToArray();
            Assert.True(data.AsSpan(0, 8).SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }), "not a PNG");
            int width = 0, height = 0;
            using var idat = new MemoryStream();
            for (var at = 8; at < data.Length;)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(at));
                var type = System.Text.Encoding.ASCII.GetString(data, at + 4, 4);
                var body = data.AsSpan(at + 8, length);
                if (type == "IHDR")
                {
                    width = BinaryPrimitives.ReadInt32BigEndian(body);
                    height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                    Assert.Equal((8, 6), (body[8], body[9])); // 8-bit RGBA: an alpha channel for transparency
                }
                if (type == "IDAT") idat.Write(body);
                at += 12 + length;
            }
            idat.Position = 0;
            using var inflated = new MemoryStream();
            using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(inflated);
            var raw = inflated.ToArray();
            var stride = width * 4;
            var rgba = new byte[height * stride];
            for (var y = 0; y < height; y++)
            {
                var filter = raw[y * (stride + 1)];
                for (var x = 0; x < stride; x++)
                {
                    var value = raw[y * (stride + 1) + 1 + x];
                    int left = x >= 4 ? rgba[y * stride + x - 4] : 0, up = y > 0 ? rgba[(y - 1) * stride + x] : 0, upLeft = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4] : 0;
                    rgba[y * stride + x] = (byte)(filter switch
                    {
                        0 => value,
                        1 => value + left,
                        2 => value + up,
                        3 => value + (left + up) / 2,
                        _ => value + Paeth(left, up, upLeft),
                    });
                }
            }
            return new Png(width, height, rgba);
        }

        private static int Paeth(int a, int b, int c)
        {
            var p = a + b - c;
            int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}
