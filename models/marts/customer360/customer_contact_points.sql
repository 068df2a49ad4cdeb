{#- One row per customer, channel (email, phone) and value: every address and number the
    customer's records hold, which one the golden record chose (is_primary), when it was
    first and last observed and in which sources. -#}

with

candidates as (

    select * from {{ ref('int_customer__attribute_candidates') }}

),

customers as (

    select * from {{ ref('customers') }}

),

contact_values as (

    select
        candidates.customer_id,
        candidates.attribute_name as channel,
        candidates.attribute_value as contact_value,
        candidates.source_name,
        candidates.observed_at
    from candidates
    where candidates.attribute_name in ('email', 'phone')

),

value_sources as (

    select
        distinct_sources.customer_id,
        distinct_sources.channel,
        distinct_sources.contact_value,
        {{ dbt.listagg(
            'distinct_sources.source_name', "','", 'order by distinct_sources.source_name'
        ) }} as source_names
    from (
        select distinct
            contact_values.customer_id,
            contact_values.channel,
            contact_values.contact_value,
            contact_values.source_name
        from contact_values
    ) as distinct_sources
    group by
        distinct_sources.customer_id,
        distinct_sources.channel,
        distinct_sources.contact_value

),

aggregated as (

    select
        contact_values.customer_id,
        contact_values.channel,
        contact_values.contact_value,
        count(*) as record_count,
        min(contact_values.observed_at) as first_observed_at,
        max(contact_values.observed_at) as last_observed_at
    from contact_values
    group by
        contact_values.customer_id,
        contact_values.channel,
        contact_values.contact_value

),

final as (

    -- inner join to customers: suppressed customers are not there
    select
        cast({{ dbt.hash(
            "aggregated.customer_id || '|' || aggregated.channel"
            ~ " || '|' || aggregated.contact_value"
        ) }} as {{ dbt.type_string() }}) as contact_point_id,
        cast(aggregated.customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(aggregated.channel as {{ dbt.type_string() }}) as channel,
        cast(aggregated.contact_value as {{ dbt.type_string() }}) as contact_value,
        coalesce(
            (aggregated.channel = 'email' and aggregated.contact_value = customers.email)
            or (aggregated.channel = 'phone' and aggregated.contact_value = customers.phone),
            false
        ) as is_primary,
        cast(aggregated.record_count as integer) as record_count,
        cast(value_sources.source_names as {{ dbt.type_string() }}) as source_names,
        cast(aggregated.first_observed_at as timestamp) as first_observed_at,
        cast(aggregated.last_observed_at as timestamp) as last_observed_at
    from aggregated
    inner join customers
        on aggregated.customer_id = customers.customer_id
    inner join value_sources
        on
            aggregated.customer_id = value_sources.customer_id
            and aggregated.channel = value_sources.channel
            and aggregated.contact_value = value_sources.contact_value

)

select * from final
