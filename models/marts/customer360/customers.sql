{#- One row per customer: the golden record. Each attribute is chosen among the values the
    customer's source records hold by the strategy var cdp_survivorship names for it
    (macro survivorship_order_by), with provenance: the winning record's source and when it
    was observed. Suppressed (erased) customers are left out. -#}

{%- set survivorship = var('cdp_survivorship', {}) %}
{%- set attributes = [
    'email', 'phone', 'first_name', 'last_name', 'birth_date',
    'address_line1', 'city', 'postcode', 'country_code'
] %}

with

candidates as (

    select * from {{ ref('int_customer__attribute_candidates') }}

),

record_map as (

    select * from {{ ref('int_identity__record_map') }}

),

records as (

    select * from {{ ref('int_identity__records') }}

),

activities as (

    select * from {{ ref('customer_activities') }}

),

suppressed_customers as (

    select * from {{ ref('int_privacy__suppressed_customers') }}

),

customer_records as (

    select
        record_map.customer_id,
        record_map.source_name,
        record_map.record_id,
        record_map.match_tier,
        records.observed_at
    from record_map
    left outer join records
        on
            record_map.source_name = records.source_name
            and record_map.record_id = records.record_id

),

customer_sources as (

    select
        source_names.customer_id,
        {{ dbt.listagg('source_names.source_name', "','", 'order by source_names.source_name') }}
            as source_names
    from (
        select distinct
            customer_records.customer_id,
            customer_records.source_name
        from customer_records
    ) as source_names
    group by source_names.customer_id

),

record_summary as (

    select
        customer_records.customer_id,
        count(*) as record_count,
        count(distinct customer_records.source_name) as source_count,
        min(customer_records.observed_at) as first_record_observed_at,
        max(customer_records.observed_at) as last_record_observed_at,
        -- the weakest link that holds the customer together
        case
            when count(*) = 1 then 'singleton'
            else
                case min(
                    case customer_records.match_tier
                        when 'fuzzy_low' then 1
                        when 'fuzzy_medium' then 2
                        when 'fuzzy_high' then 3
                        else 4
                    end
                )
                    when 1 then 'fuzzy_low'
                    when 2 then 'fuzzy_medium'
                    when 3 then 'fuzzy_high'
                    else 'deterministic'
                end
        end as match_tier
    from customer_records
    group by customer_records.customer_id

),

activity_summary as (

    select
        activities.customer_id,
        min(activities.occurred_at) as first_activity_at,
        max(activities.occurred_at) as last_activity_at
    from activities
    where activities.customer_id is not null
    group by activities.customer_id

),

contact_counts as (

    select
        candidates.customer_id,
        count(distinct case
            when candidates.attribute_name = 'email' then candidates.attribute_value
        end) as email_count,
        count(distinct case
            when candidates.attribute_name = 'phone' then candidates.attribute_value
        end) as phone_count
    from candidates
    group by candidates.customer_id

),

{% for attribute in attributes %}
    {%- set rule = survivorship_rule(survivorship, attribute) %}
    winner__{{ attribute }} as (

        -- {{ attribute }}: {{ rule.strategy }}
        select
            ranked.customer_id,
            ranked.attribute_value,
            ranked.source_name,
            ranked.observed_at
        from (
            select
                candidates.*,
                row_number() over (
                    partition by candidates.customer_id
                    order by {{ survivorship_order_by(
                        rule.strategy, rule.source_priority, 'candidates'
                    ) }}
                ) as survivor_rank
            from candidates
            where candidates.attribute_name = '{{ attribute }}'
        ) as ranked
        where ranked.survivor_rank = 1

    ),

{% endfor %}

final as (

    select
        cast(record_summary.customer_id as {{ dbt.type_string() }}) as customer_id,
        {%- for attribute in attributes %}
            {%- if attribute == 'birth_date' %}
                cast(winner__{{ attribute }}.attribute_value as date) as {{ attribute }},
            {%- else %}
                cast(winner__{{ attribute }}.attribute_value as {{ dbt.type_string() }})
                    as {{ attribute }},
            {%- endif %}
            cast(winner__{{ attribute }}.source_name as {{ dbt.type_string() }})
                as {{ attribute }}_source,
            cast(winner__{{ attribute }}.observed_at as timestamp) as {{ attribute }}_observed_at,
        {%- endfor %}
        cast(coalesce(contact_counts.email_count, 0) as integer) as email_count,
        cast(coalesce(contact_counts.phone_count, 0) as integer) as phone_count,
        cast(record_summary.record_count as integer) as record_count,
        cast(record_summary.source_count as integer) as source_count,
        cast(customer_sources.source_names as {{ dbt.type_string() }}) as source_names,
        cast(record_summary.match_tier as {{ dbt.type_string() }}) as match_tier,
        -- least / greatest skip nulls on every engine
        cast(least(
            activity_summary.first_activity_at, record_summary.first_record_observed_at
        ) as timestamp) as first_seen_at,
        cast(greatest(
            activity_summary.last_activity_at, record_summary.last_record_observed_at
        ) as timestamp) as last_seen_at
    from record_summary
    left outer join customer_sources
        on record_summary.customer_id = customer_sources.customer_id
    left outer join contact_counts
        on record_summary.customer_id = contact_counts.customer_id
    left outer join activity_summary
        on record_summary.customer_id = activity_summary.customer_id
    {%- for attribute in attributes %}
        left outer join winner__{{ attribute }}
            on record_summary.customer_id = winner__{{ attribute }}.customer_id
    {%- endfor %}
    where
        not exists (
            select 1 from suppressed_customers
            where suppressed_customers.customer_id = record_summary.customer_id
        )

)

select * from final
