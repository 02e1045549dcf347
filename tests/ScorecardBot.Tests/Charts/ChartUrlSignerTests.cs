using System.Buffers.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using ScorecardBot.Charts;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Tests.Charts;

public sealed class ChartUrlSignerTests
{
    internal static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly Guid Org = Guid.Parse("0a0a0a0a-0000-0000-0000-000000000001");
    private static readonly Guid KpiId = Guid.Parse("0b0b0b0b-0000-0000-0000-000000000002");

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    private ChartUrlSigner Signer(string? key = null) =>
        new(Options.Create(new ChartOptions { SigningKey = key ?? Key, LinkLifetime = TimeSpan.FromDays(7) }), _clock);

    private static (string Path, Dictionary<string, StringValues> Query) Split(string url)
    {
        var at = url.IndexOf('?', StringComparison.Ordinal);
        return (url[..at], QueryHelpers.ParseQuery(url[at..]));
    }

    private ChartLinkCheck Check(string url, ChartUrlSigner? signer = null)
    {
        var (path, query) = Split(url);
        return (signer ?? Signer()).Verify(path, query);
    }

    [Fact]
    public void SignedLink_IsValidUntilItExpires()
    {
        var url = Signer().KpiChartUrl(Org, KpiId);

        Assert.StartsWith($"/charts/kpi/{KpiId}.png?", url, StringComparison.Ordinal);
        Assert.Contains("exp=", url, StringComparison.Ordinal);
        Assert.Contains("&sig=", url, StringComparison.Ordinal);
        Assert.Equal(ChartLinkCheck.Valid, Check(url));

        _clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(ChartLinkCheck.Valid, Check(url));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ChartLinkCheck.Expired, Check(url));
    }

    [Fact]
    public void LinkToAnotherChart_IsTampered()
    {
        var url = Signer().KpiChartUrl(Org, KpiId);

        var other = url.Replace(KpiId.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal);

        Assert.Equal(ChartLinkCheck.Tampered, Check(other));
        Assert.Equal(ChartLinkCheck.Tampered, Check(url.Replace("/charts/kpi/", "/charts/map/", StringComparison.Ordinal)));
    }

    [Fact]
    public void ChangedSignature_IsTampered()
    {
        var url = Signer().KpiChartUrl(Org, KpiId);
        var (path, query) = Split(url);
        var signature = query["sig"].ToString();
        query["sig"] = (signature[0] == 'A' ? "B" : "A") + signature[1..];

        Assert.Equal(ChartLinkCheck.Tampered, Signer().Verify(path, query));
        query["sig"] = signature[..^2];
        Assert.Equal(ChartLinkCheck.Malformed, Signer().Verify(path, query));
    }

    [Fact]
    public void LongerExpiry_OtherOrganizationOrAddedParameter_IsTampered()
    {
        var url = Signer().KpiChartUrl(Org, KpiId);
        var (path, query) = Split(url);

        var later = new Dictionary<string, StringValues>(query) { ["exp"] = (long.Parse(query["exp"]!) + 86_400).ToString() };
        var otherOrg = new Dictionary<string, StringValues>(query) { ["org"] = Guid.NewGuid().ToString() };
        var bigger = new Dictionary<string, StringValues>(query) { ["size"] = "thumb" };

        Assert.Equal(ChartLinkCheck.Tampered, Signer().Verify(path, later));
        Assert.Equal(ChartLinkCheck.Tampered, Signer().Verify(path, otherOrg));
        Assert.Equal(ChartLinkCheck.Tampered, Signer().Verify(path, bigger));
    }

    [Fact]
    public void LinkSignedWithAnotherKey_IsTampered()
    {
        var otherKey = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

        Assert.Equal(ChartLinkCheck.Tampered, Check(Signer(otherKey).StrategyMapUrl(Org, KpiId)));
    }

    [Fact]
    public void UnsignedOrRepeatedParameters_AreRefused()
    {
        var (path, query) = Split(Signer().SmallMultiplesUrl(Org, KpiId, Status.Red));

        Assert.Equal(ChartLinkCheck.Unsigned, Signer().Verify(path, new Dictionary<string, StringValues> { ["org"] = Org.ToString() }));
        Assert.Equal(ChartLinkCheck.Unsigned, Signer().Verify(path, query.Where(p => p.Key != "exp")));
        Assert.Equal(ChartLinkCheck.Malformed, Signer().Verify(path, new Dictionary<string, StringValues>(query) { ["org"] = new([Org.ToString(), Org.ToString()]) }));
        Assert.Equal(ChartLinkCheck.Valid, Signer().Verify(path, query));
        Assert.Equal("red", query["status"]);
    }

    [Fact]
    public void Sign_RefusesPathsWithQueriesAndReservedNames()
    {
        Assert.Throws<ArgumentException>(() => Signer().Sign("charts/kpi/x.png"));
        Assert.Throws<ArgumentException>(() => Signer().Sign("/charts/kpi/x.png?a=b"));
        Assert.Throws<ArgumentException>(() => Signer().Sign("/charts/kpi/x.png", new Dictionary<string, string> { ["exp"] = "1" }));
    }

    [Fact]
    public void Without_a_key_links_are_signed_with_data_protection_and_checked_like_hmac_links()
    {
        var keyRing = new EphemeralDataProtectionProvider();
        var signer = ProtectedSigner(keyRing);
        var url = signer.KpiChartUrl(Org, KpiId);
        var (path, query) = Split(url);

        Assert.Equal(ChartLinkCheck.Valid, Check(url, signer));
        // Another instance sharing the key ring accepts the link; one with its own ring does not.
        Assert.Equal(ChartLinkCheck.Valid, Check(url, ProtectedSigner(keyRing)));
        Assert.Equal(ChartLinkCheck.Tampered, Check(url, ProtectedSigner(new EphemeralDataProtectionProvider())));
        // Neither an HMAC signer (to which it is no HMAC at all) nor a protector of another purpose takes it.
        Assert.Equal(ChartLinkCheck.Malformed, Check(url));
        var otherPurpose = Base64Url.EncodeToString(keyRing.CreateProtector("other").Protect(new byte[32]));
        Assert.Equal(ChartLinkCheck.Tampered, signer.Verify(path, new Dictionary<string, StringValues>(query) { ["sig"] = otherPurpose }));
        // What the link shows and how long it works are covered by the signature.
        Assert.Equal(ChartLinkCheck.Tampered, Check(url.Replace(KpiId.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal), signer));
        var later = new Dictionary<string, StringValues>(query) { ["exp"] = (long.Parse(query["exp"]!) + 86_400).ToString() };
        Assert.Equal(ChartLinkCheck.Tampered, signer.Verify(path, later));
        Assert.Equal(ChartLinkCheck.Malformed, signer.Verify(path, new Dictionary<string, StringValues>(query) { ["sig"] = "not base64url!" }));
        Assert.Equal(ChartLinkCheck.Malformed, signer.Verify(path, new Dictionary<string, StringValues>(query) { ["sig"] = new string('A', 600) }));
        _clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        Assert.Equal(ChartLinkCheck.Expired, Check(url, signer));
    }

    private ChartUrlSigner ProtectedSigner(IDataProtectionProvider keyRing) =>
        new(Options.Create(new ChartOptions { LinkLifetime = TimeSpan.FromDays(7) }), _clock, keyRing);

    [Fact]
    public void Without_a_key_or_data_protection_the_signer_says_what_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ChartUrlSigner(Options.Create(new ChartOptions()), _clock));
        Assert.Contains("Charts:SigningKey is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_without_a_key_pass_data_protection_signs_the_links() =>
        Assert.True(new ChartOptionsValidator().Validate(null, new ChartOptions { SigningKey = "" }).Succeeded);

    [Theory]
    [InlineData("not base64!", "not valid base64")]
    [InlineData("c2hvcnQ=", "needs at least 32")]
    public void Options_WithoutAUsableKey_FailWithTheReason(string key, string reason)
    {
        var result = new ChartOptionsValidator().Validate(null, new ChartOptions { SigningKey = key });

        Assert.True(result.Failed);
        Assert.Contains(reason, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_WithAGoodKey_Pass() =>
        Assert.True(new ChartOptionsValidator().Validate(null, new ChartOptions { SigningKey = Key }).Succeeded);
}
