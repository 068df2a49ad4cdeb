{#- mask_email over literal cases: returns a row for every case whose result differs. -#}

with

cases as (

    select fixture.*
    from (
        values
        ('jane.doe@example.com', 'j***@example.com'),
        ('a@b.co', 'a***@b.co'),
        ('no-at-sign', null),
        ('@example.com', null),
        (null, null)
    ) as fixture (input_email, expected)

),

computed as (

    select
        input_email,
        expected,
        {{ mask_email('input_email') }} as actual
    from cases

)

select *
from computed
where actual is distinct from expected
