{#- survivorship_order_by over literal candidates: for each strategy the expected winner
    among the same three values. Returns a row for every strategy that picks another. -#}

{%- set priority = ['shop_customers', 'crm_contacts', 'pos_loyalty_members'] %}
{%- set expected = {
    'source_priority': '1 Main St',
    'most_recent': '1 Main Street',
    'most_frequent': '1 Main Rd',
    'most_complete': '1 Main Street Apartment 4'
} %}

with

candidates as (

    -- the shop holds the oldest value; two old POS/CRM records agree on '1 Main Rd';
    -- the CRM holds the newest; the longest value comes from the POS
    select
        'shop_customers' as source_name, 'S1' as record_id, '1 Main St' as attribute_value,
        cast('2022-01-01' as timestamp) as observed_at, 1 as value_frequency,
        cast('2022-01-01' as timestamp) as value_last_observed_at, 9 as value_length
    union all
    select
        'crm_contacts', 'C1', '1 Main Rd',
        cast('2022-06-01' as timestamp), 2, cast('2022-07-01' as timestamp), 9
    union all
    select
        'pos_loyalty_members', 'L1', '1 Main Rd',
        cast('2022-07-01' as timestamp), 2, cast('2022-07-01' as timestamp), 9
    union all
    select
        'crm_contacts', 'C2', '1 Main Street',
        cast('2024-01-01' as timestamp), 1, cast('2024-01-01' as timestamp), 13
    union all
    select
        'pos_loyalty_members', 'L2', '1 Main Street Apartment 4',
        cast('2023-01-01' as timestamp), 1, cast('2023-01-01' as timestamp), 25

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

select * from winners
where winners.actual <> winners.expected
