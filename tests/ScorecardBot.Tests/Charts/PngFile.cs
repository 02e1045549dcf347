using System.Buffers.Binary;
using SkiaSharp;

namespace ScorecardBot.Tests.Charts;

/// <summary>Reads what the tests check of a PNG: its signature, its header size, its pixels.</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool HasSignature(byte[] png) => png.Length > 33 && png.AsSpan(0, 8).SequenceEqual(Signature);

    /// <summary>Width and height from the IHDR chunk, which must come first.</summary>
    public static (int Width, int Height) HeaderSize(byte[] png)
    {
        Assert.True(HasSignature(png), "not a PNG: the signature is missing");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    public static SKBitmap Decode(byte[] png) =>
        SKBitmap.Decode(png) ?? throw new InvalidOperationException("Skia could not decode the PNG.");

    /// <summary>True when <paramref name="actual"/> is within <paramref name="tolerance"/> of <paramref name="expected"/> on each channel.</summary>
    public static bool Near(SKColor actual, SKColor expected, int tolerance = 24) =>
        Math.Abs(actual.Red - expected.Red) <= tolerance &&
        Math.Abs(actual.Green - expected.Green) <= tolerance &&
        Math.Abs(actual.Blue - expected.Blue) <= tolerance;
}
