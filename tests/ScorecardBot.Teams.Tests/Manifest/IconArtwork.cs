namespace ScorecardBot.Teams.Tests.Manifest;

/// <summary>
/// Draws the app icons: a scorecard with three status rows (green, amber, red). The colour icon is
/// 192×192 on the accent colour; the outline icon is 32×32, white on transparent as Teams requires.
/// </summary>
internal static class IconArtwork
{
    private const uint Accent = 0x2E5AACFF;
    private const uint White = 0xFFFFFFFF;
    private const uint Clear = 0x00000000;
    private const uint Bar = 0xC8D1E0FF;
    private static readonly uint[] Statuses = [0x2DA44EFF, 0xF2A900FF, 0xD13438FF];

    public static uint[] Color()
    {
        const int size = 192;
        var pixels = Enumerable.Repeat(Accent, size * size).ToArray();
        FillRoundedRect(pixels, size, 32, 36, 160, 156, 14, White);
        for (var row = 0; row < 3; row++)
        {
            var y = 66 + (row * 30);
            FillCircle(pixels, size, 58, y, 9, Statuses[row]);
            FillRoundedRect(pixels, size, 78, y - 6, 140 - (row * 18), y + 6, 6, Bar);
        }

        return pixels;
    }

    public static uint[] Outline()
    {
        const int size = 32;
        var pixels = Enumerable.Repeat(Clear, size * size).ToArray();
        FillRoundedRect(pixels, size, 4, 5, 28, 27, 3, White);
        FillRoundedRect(pixels, size, 6, 7, 26, 25, 2, Clear);
        for (var row = 0; row < 3; row++)
        {
            var y = 10 + (row * 5);
            FillRoundedRect(pixels, size, 9, y, 12, y + 3, 0, White);
            FillRoundedRect(pixels, size, 14, y, 23 - (row * 3), y + 3, 0, White);
        }

        return pixels;
    }

    private static void FillRoundedRect(uint[] pixels, int size, int left, int top, int right, int bottom, int radius, uint color)
    {
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                var dx = Math.Max(Math.Max(left + radius - x, x - (right - 1 - radius)), 0);
                var dy = Math.Max(Math.Max(top + radius - y, y - (bottom - 1 - radius)), 0);
                if ((dx * dx) + (dy * dy) <= radius * radius)
                {
                    pixels[(y * size) + x] = color;
                }
            }
        }
    }

    private static void FillCircle(uint[] pixels, int size, int cx, int cy, int r, uint color)
    {
        for (var y = cy - r; y <= cy + r; y++)
        {
            for (var x = cx - r; x <= cx + r; x++)
            {
                if (((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) <= r * r)
                {
                    pixels[(y * size) + x] = color;
                }
            }
        }
    }
}
