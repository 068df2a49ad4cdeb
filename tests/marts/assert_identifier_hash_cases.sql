{#- identifier_hash and sha256_hex over literal cases (expected values from Python's
    hashlib.sha256, hex): returns a row for every case whose result differs. The last case
    hashes the empty string with sha256_hex alone. -#}

with

cases as (

    select fixture.*
    from (
        values
        (
            'email',
            'ann@x.com',
            '6d6c946741b5b0e3e0259a8e5ec6b1a77aa7aab6507b589412a2d62ff2888944'
        ),
        (
            'phone',
            '+14155550100',
            '28a75e324f944f7bfd76d695853c90b288ca8f63edf184881734177a1deaa1db'
        ),
        (
            'source_record',
            'shop_customers:S1',
            '87f9b8cb2ec234d44516137de69398a4fc0eb65c16ace6a8284451e40ab5c9f6'
        ),
        ('email', null, null),
        (
            null,
            '',
            'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
        )
    ) as fixture (identifier_type, identifier_value, expected)

),

computed as (

    select
        identifier_type,
        identifier_value,
        expected,
        case
            when identifier_type is null then {{ sha256_hex('identifier_value') }}
            else {{ identifier_hash('identifier_type', 'identifier_value') }}
        end as actual
    from cases

)

select *
from computed
where actual is distinct from expected
