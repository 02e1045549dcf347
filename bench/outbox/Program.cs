using OutboxBench;

// bench/outbox: 2,000 owners' prompts through a channel that accepts 100 messages a second.
//   channel --port 5299 --rate 100           the fake platform (dedupes by idempotency key, counts everything)
//   run --channel http://127.0.0.1:5299 ...  seeds the outbox (idempotently) and drains it
return args.FirstOrDefault() switch
{
    "channel" => await FakePlatform.RunAsync(args[1..]),
    "run" => await Runner.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: OutboxBench channel --port N --rate R | run --channel URL --provider sqlite|postgres --db CONN --count N");
    return 2;
}
