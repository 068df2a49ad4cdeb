{#- identifier_hash and sha256_hex over literal cases (expected values from Python's
    hashlib.sha256, hex): returns a row for every case whose result differs. -#}

with

cases as (

    select
        'email' as identifier_type,
        'ann@x.com' as identifier_value,
        '6d6c946741b5b0e3e0259a8e5ec6b1a77aa7aab6507b589412a2d62ff2888944' as expected
    union all
    select
        'phone',
        '+14155550100',
        '28a75e324f944f7bfd76d695853c90b288ca8f63edf184881734177a1deaa1db'
    union all
    select
        'source_record',
        'shop_customers:S1',
        '87f9b8cb2ec234d44516137de69398a4fc0eb65c16ace6a8284451e40ab5c9f6'
    union all
    select 'email', null, null

),

checked as (

    select
        cases.identifier_type,
        cases.identifier_value,
        cases.expected,
        {{ identifier_hash('cases.identifier_type', 'cases.identifier_value') }} as actual,
        {{ sha256_hex("''") }} as empty_string_hash
    from cases

)

select * from checked
where
    checked.actual <> checked.expected
    or (checked.actual is null and checked.expected is not null)
    or (checked.actual is not null and checked.expected is null)
    or checked.empty_string_hash <> 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
