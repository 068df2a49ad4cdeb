{#- mask_email over literal cases: returns a row for every case whose result differs. -#}

with

cases as (

    select 'jane.doe@example.com' as input_email, 'j***@example.com' as expected
    union all
    select 'a@b.co', 'a***@b.co'
    union all
    select 'no-at-sign', null
    union all
    select '@example.com', null
    union all
    select null, null

),

checked as (

    select
        cases.input_email,
        cases.expected,
        {{ mask_email('cases.input_email') }} as actual
    from cases

)

select * from checked
where
    checked.actual <> checked.expected
    or (checked.actual is null and checked.expected is not null)
    or (checked.actual is not null and checked.expected is null)
