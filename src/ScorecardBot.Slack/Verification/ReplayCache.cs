using System.Collections.Concurrent;

namespace ScorecardBot.Slack.Verification;

/// <summary>
/// Remembers request signatures seen inside the timestamp window so an identical request cannot
/// be played again. Entries are grouped in buckets by request timestamp; a bucket is dropped once
/// every timestamp in it is outside the window (then the timestamp check rejects it anyway), so
/// memory stays bounded by the traffic of one window, and a hard cap stops a flood.
/// </summary>
internal sealed class ReplayCache
{
    private const long BucketSeconds = 30;
    private const int Shards = 256;
    private readonly ConcurrentDictionary<long, HashSet<UInt128>[]> _buckets = new();
    private readonly long _toleranceSeconds;
    private readonly int _capacity;
    private int _count;
    private long _lastSweepBucket = long.MinValue;

    public ReplayCache(long toleranceSeconds, int capacity = 2_000_000)
    {
        _toleranceSeconds = toleranceSeconds;
        _capacity = capacity;
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>Records the signature; false when it was already seen (a replay) or the cache is full.</summary>
    public bool TryRecord(long timestamp, ReadOnlySpan<byte> mac, long now)
    {
        Sweep(now);
        if (Volatile.Read(ref _count) >= _capacity)
        {
            // Failing closed: under a flood bigger than any real workspace sends, refuse rather than forget.
            return false;
        }

        // HMAC output is uniformly random, so its first 128 bits are a fine key and its first byte a fine shard.
        var key = new UInt128(BitConverter.ToUInt64(mac[..8]), BitConverter.ToUInt64(mac[8..16]));
        var bucket = _buckets.GetOrAdd(timestamp / BucketSeconds, static _ => NewBucket());
        // Many small sets instead of one big one: growing stays cheap and off the large-object heap.
        var shard = bucket[mac[31]];
        lock (shard)
        {
            if (!shard.Add(key))
            {
                return false;
            }
        }

        Interlocked.Increment(ref _count);
        return true;
    }

    private static HashSet<UInt128>[] NewBucket()
    {
        var shards = new HashSet<UInt128>[Shards];
        for (var i = 0; i < Shards; i++)
        {
            shards[i] = [];
        }

        return shards;
    }

    private void Sweep(long now)
    {
        var current = now / BucketSeconds;
        if (Volatile.Read(ref _lastSweepBucket) == current || Interlocked.Exchange(ref _lastSweepBucket, current) == current)
        {
            return;
        }

        // A bucket may go once its newest timestamp is older than now − tolerance.
        var oldestLive = (now - _toleranceSeconds) / BucketSeconds - 1;
        foreach (var key in _buckets.Keys)
        {
            if (key < oldestLive && _buckets.TryRemove(key, out var removed))
            {
                var count = 0;
                foreach (var shard in removed)
                {
                    lock (shard)
                    {
                        count += shard.Count;
                    }
                }

                Interlocked.Add(ref _count, -count);
            }
        }
    }
}
