"""``python -m line_emulator`` turns its flags into the emulator's configuration."""

from line_emulator.__main__ import config_from_args, parse_args


def test_flags_become_configuration():
    args = parse_args([
        "--port", "8090", "--webhook-url", "http://127.0.0.1:8000/line/webhook",
        "--channel-secret", "s3cret", "--channel-token", "t0ken",
        "--multicast-rate", "150", "--error-rate", "0.1", "--seed", "7", "--reply-token-ttl", "30",
    ])
    config = config_from_args(args)
    assert args.port == 8090
    assert config.webhook_url == "http://127.0.0.1:8000/line/webhook"
    assert (config.channel_secret, config.channel_access_token) == ("s3cret", "t0ken")
    assert config.rate_limit_for("multicast").requests == 150
    assert config.rate_limit_for("pushMessage").requests == 2000
    assert (config.faults.error_rate, config.faults.seed) == (0.1, 7)
    assert config.reply_token_ttl_seconds == 30


def test_defaults_match_line():
    config = config_from_args(parse_args([]))
    assert config.rate_limit_for("multicast").requests == 200
    assert config.reply_token_ttl_seconds == 60
    assert config.retry_key_ttl_seconds == 24 * 3600
    assert config.webhook_redelivery is True
