{#- Literal cases for from_minor_units: (amount in minor units, currency, expected amount
    in units as text). Returns the rows where the macro disagrees. -#}
with

cases as (

    select fixture.*
    from (
        values
        (1999, 'usd', '19.99'),
        (1999, 'EUR', '19.99'),
        (1999, 'jpy', '1999'),
        (1999, 'KRW', '1999'),
        (1234, 'kwd', '1.234'),
        (5, 'gbp', '0.05'),
        (null, 'usd', null)
    ) as fixture (minor_amount, currency, expected_amount)

),

computed as (

    select
        minor_amount,
        currency,
        expected_amount,
        {{ from_minor_units('minor_amount', 'currency') }} as actual_amount
    from cases

)

select *
from computed
where actual_amount is distinct from cast(expected_amount as decimal(18, 3))
