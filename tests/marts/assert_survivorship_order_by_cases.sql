{#- survivorship_order_by over literal candidates: for each strategy the expected winner
    among the same values. Returns a row for every strategy that picks another. -#}

{%- set priority = ['shop_customers', 'crm_contacts', 'pos_loyalty_members'] %}
{%- set expected = {
    'source_priority': '1 Main St',
    'most_recent': '1 Main Street',
    'most_frequent': '1 Main Rd',
    'most_complete': '1 Main Street Apt 4'
} %}

with

candidates as (

    -- the shop holds the oldest value; two old POS/CRM records agree on '1 Main Rd';
    -- the CRM holds the newest; the longest value comes from the POS
    select
        fixture.source_name,
        fixture.record_id,
        fixture.attribute_value,
        cast(fixture.observed_at as timestamp) as observed_at,
        fixture.value_frequency,
        cast(fixture.value_last_observed_at as timestamp) as value_last_observed_at,
        fixture.value_length
    from (
        values
        ('shop_customers', 'S1', '1 Main St', '2022-01-01', 1, '2022-01-01', 9),
        ('crm_contacts', 'C1', '1 Main Rd', '2022-06-01', 2, '2022-07-01', 9),
        ('pos_loyalty_members', 'L1', '1 Main Rd', '2022-07-01', 2, '2022-07-01', 9),
        ('crm_contacts', 'C2', '1 Main Street', '2024-01-01', 1, '2024-01-01', 13),
        ('pos_loyalty_members', 'L2', '1 Main Street Apt 4', '2023-01-01', 1, '2023-01-01', 19)
    ) as fixture (
        source_name,
        record_id,
        attribute_value,
        observed_at,
        value_frequency,
        value_last_observed_at,
        value_length
    )

),

winners as (

    {% for strategy, winner in expected.items() %}
        select
            '{{ strategy }}' as strategy,
            '{{ winner }}' as expected,
            ranked.attribute_value as actual
        from (
            select
                candidates.attribute_value,
                row_number() over (
                    order by {{ survivorship_order_by(strategy, priority, 'candidates') }}
                ) as survivor_rank
            from candidates
        ) as ranked
        where ranked.survivor_rank = 1
        {{ 'union all' if not loop.last }}
    {% endfor %}

)

select *
from winners
where actual is distinct from expected
