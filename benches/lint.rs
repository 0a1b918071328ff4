//! Engine cost: compiling the built-in packs (done once at extension start)
//! and linting replies of growing length (done per keystroke).

use carelint::{Context, Engine};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// A reply of about `words` words that mixes fine sentences with flagged
/// phrases, the way real drafts do.
fn reply(words: usize) -> String {
    const SENTENCES: &[&str] = &[
        "Hi Maria, thanks for the screenshots of the failed export.",
        "We apologize for any inconvenience this may have caused.",
        "I've rolled back the update on your account and re-run the export.",
        "Unfortunately we are unable to refund the shipping fee.",
        "I'll check with Sam on the billing team and write back by 3pm tomorrow.",
        "Please do not hesitate to contact us if you have any questions.",
        "Your request has been escalated to the relevant department.",
        "As I already explained, you should have updated the app first.",
    ];
    let mut out = String::new();
    let mut n = 0;
    for s in SENTENCES.iter().cycle() {
        if n >= words {
            break;
        }
        out.push_str(s);
        out.push(' ');
        n += s.split_whitespace().count();
    }
    out
}

fn bench(c: &mut Criterion) {
    c.bench_function("compile built-in packs", |b| {
        b.iter(|| Engine::builtin().unwrap())
    });
    let engine = Engine::builtin().unwrap();
    let ctx = Context::default();
    let mut group = c.benchmark_group("report");
    for words in [100, 1_000, 5_000] {
        let text = reply(words);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(words), &text, |b, t| {
            b.iter(|| engine.report(t, &ctx))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
