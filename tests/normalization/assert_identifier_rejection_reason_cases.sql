{#- Literal cases for identifier_rejection_reason: (identifier type, value, expected
    reason). Returns the rows where the macro disagrees. -#}
with

cases as (

    select fixture.*
    from (
        values
        ('email', 'ann@mail.com', null),
        (' Email ', 'ann@@mail.com', 'malformed_email'),
        ('email', 'test@test.com', 'placeholder_email'),
        ('phone', '(415) 555-0123', null),
        ('phone', '000-000-0000', 'placeholder_phone'),
        ('phone', '12', 'invalid_phone'),
        ('loyalty_card_number', 'N/A', null),
        ('shop_customer_id', 'not a number', null),
        ('email', null, null),
        (null, 'ann@@mail.com', null)
    ) as fixture (identifier_type, identifier_value, expected_reason)

),

computed as (

    select
        identifier_type,
        identifier_value,
        expected_reason,
        {{ identifier_rejection_reason('identifier_type', 'identifier_value') }} as actual_reason
    from cases

)

select *
from computed
where actual_reason is distinct from expected_reason
